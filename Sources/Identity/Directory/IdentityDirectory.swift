import AccessPolicy
import DynamoModel
import DynamoStorage
import Synchronization

/// What authentication learns about an access key id.
public enum CredentialLookup: Sendable, Equatable {
    /// A known, active key (temporary ones not yet expired): verify against this secret
    /// (and session token).
    case valid(secret: String, sessionToken: String?, principal: Principal)
    /// Temporary credentials past their expiration on the simulated clock.
    case expired
    /// A long-term key set Inactive with UpdateAccessKey.
    case inactive
    case unknown
}

/// Accounts, their identities and STS sessions: held in memory (every request's key lookup
/// is a dictionary access under a mutex, never SQL), persisted to the server's database on
/// every change, changed through `mutate` (IAM) and `createSession` (STS).
public final class IdentityDirectory: Sendable {
    let state: Mutex<IdentityState>
    let persistence: IdentityPersistence
    public let clock: WardenClock
    /// Signs and verifies the web identity tokens Warden issues (`warden token`).
    public let tokenSigner: WebIdentityTokenSigner

    /// Opens the directory stored in `store` (creating Identity's tables on first use) and
    /// makes sure the default account exists with the given root key.
    public init(store: Store, clock: WardenClock) throws {
        self.clock = clock
        persistence = try IdentityPersistence(store: store)
        let loaded = try persistence.load()
        var initial = IdentityState()
        for account in loaded.accounts.sorted(by: { $0.id < $1.id }) { initial.insert(account: account) }
        // Sessions long expired are forgotten; recently expired ones stay so their keys are
        // still answered with ExpiredToken rather than as unknown.
        let horizon = clock.now() - 7 * 86_400
        var stale: [String] = []
        for session in loaded.sessions {
            if session.expiration < horizon { stale.append(session.accessKeyId) } else { initial.insert(session: session) }
        }
        state = Mutex(initial)
        if !stale.isEmpty { try persistence.writeAndWait([IdentityPersistence.pruneSessions(expiredBefore: horizon)]) }
        tokenSigner = WebIdentityTokenSigner.loadOrCreate(persistence)
    }

    // MARK: Reading

    /// The account requests fall back to (the first configured one).
    public var defaultAccountId: String? { state.withLock { $0.defaultAccountId } }

    public var accountIds: [String] { state.withLock { $0.accountOrder } }

    public func account(_ id: String) -> Account? { state.withLock { $0.accounts[id] } }

    public func session(_ accessKeyId: String) -> Session? { state.withLock { $0.sessions[accessKeyId] } }

    public var organization: Organization { state.withLock { $0.organization } }

    /// Key lookup for authentication. `now` is the simulated clock (sessions expire on it).
    public func lookupCredential(_ accessKeyId: String, now: Double) -> CredentialLookup {
        guard let entry = state.withLock({ $0.credentials[accessKeyId] }) else { return .unknown }
        if let expiration = entry.expiration, !(now < expiration) { return .expired }
        guard entry.active else { return .inactive }
        return .valid(secret: entry.secret, sessionToken: entry.sessionToken, principal: entry.principal)
    }

    /// The caller's policies and condition keys for the policy engine (cached until the next
    /// change to any identity).
    public func policySet(for principal: Principal) -> PolicySet {
        let now = clock.now()
        return state.withLock { $0.policySet(for: principal, now: now) }
    }

    /// SCP levels that apply to principals of `account` (empty: none configured).
    public func serviceControlPolicies(forAccount account: String) -> [[AttachedPolicy]] {
        state.withLock { s in
            s.organizationLevels(s.organization.serviceControlPolicies, account: account, kind: .serviceControl, fullAccessName: "FullAWSAccess")
        }
    }

    /// RCP levels that apply to resources of `account` (empty: none configured).
    public func resourceControlPolicies(forAccount account: String) -> [[AttachedPolicy]] {
        state.withLock { s in
            s.organizationLevels(s.organization.resourceControlPolicies, account: account, kind: .resourceControl, fullAccessName: "RCPFullAWSAccess")
        }
    }

    /// A role's trust policy, parsed, for sts:AssumeRole* decisions.
    public func trustPolicy(of role: Role, accountId: String) -> AttachedPolicy? {
        state.withLock { s in
            s.parsed(role.trustPolicy, kind: .trust).map {
                AttachedPolicy(id: role.arn(account: accountId), name: role.name, sourceType: .resource, policy: $0)
            }
        }
    }

    // MARK: Changing

    /// Applies `body` to a copy of one account; on success the copy replaces the account, the
    /// key index and caches are refreshed, and the account is written to the database.
    /// `completion` runs once the write has committed (on the store's writer thread), or at
    /// once with the error `body` threw (nothing changed then).
    public func mutate<T: Sendable>(account id: String, _ body: (inout Account, MutationContext) throws -> T,
                                    completion: @escaping @Sendable (Result<T, IdentityError>) -> Void) {
        let context = MutationContext(now: clock.now())
        let outcome: Result<(T, BoundStatement), IdentityError> = state.withLock { s in
            guard var account = s.accounts[id] else {
                return .failure(.noSuchEntity("The account \(id) cannot be found."))
            }
            do {
                let value = try body(&account, context)
                let statement = try IdentityPersistence.saveAccount(account)
                s.insert(account: account)
                return .success((value, statement))
            } catch let error as IdentityError {
                return .failure(error)
            } catch {
                return .failure(.internalFailure(String(describing: error)))
            }
        }
        switch outcome {
        case .failure(let error):
            completion(.failure(error))
        case .success(let (value, sql)):
            persistence.write([sql]) { result in
                switch result {
                case .success: completion(.success(value))
                case .failure(let error):
                    identityLog.error("cannot store an account", metadata: ["account": .string(id), "error": .string(String(describing: error))])
                    completion(.failure(.internalFailure()))
                }
            }
        }
    }

    /// `mutate`, waiting for the commit (start-up and tests, not the request path).
    @discardableResult
    public func mutateAndWait<T: Sendable>(account id: String, _ body: (inout Account, MutationContext) throws -> T) throws -> T {
        let box = Mutex<Result<T, IdentityError>?>(nil)
        let done = DispatchSemaphoreBox()
        mutate(account: id, body) { result in
            box.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try box.withLock { $0! }.get()
    }

    /// Creates an account if it does not exist yet (idempotent).
    public func ensureAccount(_ id: String) throws {
        let account = Account(id: id)
        let statement = try IdentityPersistence.saveAccount(account)
        let sql: BoundStatement? = state.withLock { s in
            guard s.accounts[id] == nil else {
                if !s.accountOrder.contains(id) { s.accountOrder.append(id) }
                return nil
            }
            s.insert(account: account)
            return statement
        }
        if let sql { try persistence.writeAndWait([sql]) }
    }

    /// Sets which account comes first (the default for permissive mode).
    public func setAccountOrder(_ ids: [String]) {
        state.withLock { s in
            var order = ids.filter { s.accounts[$0] != nil }
            for id in s.accountOrder where !order.contains(id) { order.append(id) }
            s.accountOrder = order
        }
    }

    public func setOrganization(_ organization: Organization) {
        state.withLock { s in
            s.organization = organization
            s.policySets.removeAll()
        }
    }

    /// Records new temporary credentials; `completion` runs after the commit.
    public func createSession(_ session: Session, completion: @escaping @Sendable (Result<Session, IdentityError>) -> Void) {
        let sql: BoundStatement
        do {
            sql = try IdentityPersistence.saveSession(session)
        } catch {
            identityLog.error("cannot encode a session", metadata: ["error": .string(String(describing: error))])
            return completion(.failure(.internalFailure()))
        }
        state.withLock { $0.insert(session: session) }
        persistence.write([sql]) { result in
            switch result {
            case .success: completion(.success(session))
            case .failure(let error):
                identityLog.error("cannot store a session", metadata: ["error": .string(String(describing: error))])
                completion(.failure(.internalFailure()))
            }
        }
    }

    /// Records role use (RoleLastUsed) without waiting for the write.
    func noteRoleUsed(accountId: String, roleName: String, region: String, at time: Double) {
        mutate(account: accountId, { account, _ in
            account.roles[roleName.lowercased()]?.lastUsedDate = time
            account.roles[roleName.lowercased()]?.lastUsedRegion = region
        }, completion: { result in
            if case .failure(let error) = result {
                identityLog.error("cannot record role use", metadata: ["role": .string(roleName), "error": .string(error.message)])
            }
        })
    }

    /// Parses a policy document of the given kind (cached).
    public func parsePolicy(_ text: String, kind: PolicyKind) -> Policy? {
        state.withLock { $0.parsed(text, kind: kind) }
    }
}

/// What a change may read: the simulated time it happens at.
public struct MutationContext: Sendable {
    public var now: Double
}
