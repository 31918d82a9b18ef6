import WardenSupport
import DynamoModel
import DynamoStorage
import Synchronization

/// Every KMS key and alias of the server, in memory (the working set is small), kept in the
/// database through `KMSPersistence`. Operations change it inside `transact`, which hands
/// back the SQL that makes the change durable.
public final class KeyStore: Sendable {
    struct State: StagedChanges {
        var keys: [String: KMSKey] = [:]  // by key ARN
        var aliases: [String: KMSAlias] = [:]  // by alias ARN
        var grants: [String: KMSGrant] = [:]  // by grant id
        /// Statements the current transaction must persist.
        var sql: [BoundStatement] = []
    }

    /// A failed operation still persists what it did on the way (a key whose waiting period
    /// ended is deleted whatever the request).
    let state: PersistedState<State>
    let persistence: KMSPersistence?
    public let clock: WardenClock

    /// A store kept in `store`'s database, its key material wrapped under `masterSecret`.
    public init(store: Store, masterSecret: [UInt8], clock: WardenClock) throws {
        let persistence = try KMSPersistence(store: store, masterSecret: masterSecret)
        self.persistence = persistence
        self.clock = clock
        let loaded = try persistence.load()
        var s = State()
        for key in loaded.keys { s.keys[key.arn] = key }
        for alias in loaded.aliases { s.aliases[alias.arn] = alias }
        for json in loaded.grants { if let grant = KMSGrant(stored: json) { s.grants[grant.grantId] = grant } }
        state = PersistedState(s, store: store, persistsFailedChanges: true)
    }

    /// A store in memory only (unit tests).
    public init(clock: WardenClock) {
        state = PersistedState(State(), store: nil, persistsFailedChanges: true)
        persistence = nil
        self.clock = clock
    }

    /// Runs `body` on the state under the lock; returns its result and the write that makes
    /// its change durable (queued before the lock is released, so writes keep their order).
    func transact<T>(_ body: (inout State) throws(KMSError) -> T) throws(KMSError) -> (T, PendingWrite) { try state.transact(body) }

    func saveSQL(_ key: KMSKey) -> BoundStatement? { persistence?.saveSQL(key) }
}

extension KeyStore.State {
    /// The key with this ARN, if it exists now: a key whose waiting period has ended is
    /// deleted here (with its aliases), on the simulated clock.
    mutating func key(arn: String, now: Double, persistence: KMSPersistence?) -> KMSKey? {
        guard let key = keys[arn] else { return nil }
        if key.state == .pendingDeletion, let date = key.deletionDate, now >= date {
            keys[arn] = nil
            sql.append(KMSPersistence.deleteKeySQL(arn))
            for (aliasArn, alias) in aliases where alias.account == key.account && alias.region == key.region && alias.targetKeyId == key.keyId {
                aliases[aliasArn] = nil
                sql.append(KMSPersistence.deleteAliasSQL(aliasArn))
            }
            for (id, grant) in grants where grant.keyArn == arn {
                grants[id] = nil
                sql.append(KMSPersistence.deleteGrantSQL(id))
            }
            return nil
        }
        if key.rotationEnabled, let anchor = key.rotationAnchor, key.state == .enabled {
            let period = Double(key.rotationPeriodInDays) * 86_400
            guard now >= anchor + period else { return key }
            var rotated = key
            var next = anchor
            while now >= next + period {
                next += period
                rotated.material.append(SecureRandom.bytes(32))
            }
            rotated.rotationAnchor = next
            save(rotated, persistence)
            return rotated
        }
        return key
    }

    /// Resolves a request's KeyId in the caller's account and region. `aliases: false` for
    /// operations that take a key id or key ARN only.
    mutating func resolve(_ text: String, caller: KMSCaller, now: Double, aliases allowAliases: Bool = true,
                          persistence: KMSPersistence?) throws(KMSError) -> KMSKey {
        guard let reference = KeyReference(text), allowAliases || !reference.isAlias else { throw .invalidKeyId(text) }
        let arn: String
        switch reference {
        case .keyId(let id):
            arn = KMSKey.arn(account: caller.account, region: caller.region, keyId: id)
        case .keyArn(let account, let region, let id):
            arn = KMSKey.arn(account: account, region: region, keyId: id)
        case .aliasName(let name):
            let aliasArn = KMSAlias.arn(account: caller.account, region: caller.region, name: name)
            guard let alias = aliases[aliasArn] else { throw .aliasNotFound(aliasArn) }
            arn = KMSKey.arn(account: alias.account, region: alias.region, keyId: alias.targetKeyId)
        case .aliasArn(let account, let region, let name):
            let aliasArn = KMSAlias.arn(account: account, region: region, name: name)
            guard let alias = aliases[aliasArn] else { throw .aliasNotFound(aliasArn) }
            arn = KMSKey.arn(account: alias.account, region: alias.region, keyId: alias.targetKeyId)
        }
        guard let key = key(arn: arn, now: now, persistence: persistence) else { throw .keyNotFound(arn) }
        return key
    }

    mutating func save(_ key: KMSKey, _ persistence: KMSPersistence?) {
        keys[key.arn] = key
        if let persistence { sql.append(persistence.saveSQL(key)) }
    }
}

extension KeyStore {
    /// Resolves a KeyId (outside any transaction): what an operation needs to declare its
    /// authorization (the key's ARN and policy).
    func resolve(_ text: String, caller: KMSCaller, aliases: Bool = true) throws(KMSError) -> KMSKey {
        let now = clock.now()
        let persistence = self.persistence
        return try transact { (s: inout State) throws(KMSError) in
            try s.resolve(text, caller: caller, now: now, aliases: aliases, persistence: persistence)
        }.0
    }

    /// Changes one key (found by ARN, as it is now) and persists it.
    func update(arn: String, _ change: (inout KMSKey) throws(KMSError) -> Void) throws(KMSError) -> (KMSKey, PendingWrite) {
        let now = clock.now()
        let persistence = self.persistence
        return try transact { (s: inout State) throws(KMSError) in
            guard var key = s.key(arn: arn, now: now, persistence: persistence) else { throw .keyNotFound(arn) }
            try change(&key)
            s.save(key, persistence)
            return key
        }
    }

    /// The key as it is now (nil if deleted).
    func current(arn: String) throws(KMSError) -> KMSKey {
        let now = clock.now()
        let persistence = self.persistence
        return try transact { (s: inout State) throws(KMSError) in
            guard let key = s.key(arn: arn, now: now, persistence: persistence) else { throw .keyNotFound(arn) }
            return key
        }.0
    }
}

extension KeyStore {
    /// The grant that allows `action` on the key to the caller with this context, if any.
    func grant(allowing action: String, keyArn: String, caller: KMSCaller, context: EncryptionContext?) -> String? {
        let principals = caller.principalArns
        return state.withLock { s in
            s.grants.values.filter { $0.keyArn == keyArn && $0.allows(action, principals: principals, context: context) }
                .map(\.grantId).min()
        }
    }
}
