import WardenSupport
import DynamoModel
import DynamoStorage

/// KMS's tables in the server's database (module migrations "kms"): one row per key (its
/// metadata, policy and tags as JSON, its material wrapped with AES-256-GCM under the master
/// secret, the key ARN as additional data), one per alias, one per grant.
///
/// As Identity and the audit trail do, writes are bound statements (`BoundStatement`: caller
/// data never reaches SQL text), run by `KeyStore`'s `PersistedState` on the store's single
/// writer; reads happen once, at start-up.
final class KMSPersistence: Sendable {
    let store: Store
    let masterSecret: [UInt8]

    static let migrations: [String] = [
        """
        CREATE TABLE kms_keys(arn BLOB PRIMARY KEY, body BLOB NOT NULL);
        CREATE TABLE kms_aliases(arn BLOB PRIMARY KEY, body BLOB NOT NULL);
        CREATE TABLE kms_grants(grant_id BLOB PRIMARY KEY, body BLOB NOT NULL);
        """,
        // 2: table data keys (encryption at rest), wrapped under the master secret.
        """
        CREATE TABLE kms_data_keys(id INTEGER PRIMARY KEY, storage_id INTEGER NOT NULL, wrapped BLOB NOT NULL);
        """,
        // 3: a table's data keys encrypted under the table's KMS key (envelope encryption).
        """
        ALTER TABLE kms_data_keys ADD COLUMN key_arn TEXT;
        ALTER TABLE kms_data_keys ADD COLUMN context BLOB;
        ALTER TABLE kms_data_keys ADD COLUMN kms_blob BLOB;
        """,
    ]

    init(store: Store, masterSecret: [UInt8]) throws {
        self.store = store
        self.masterSecret = masterSecret
        try store.migrate(module: "kms", Self.migrations)
    }

    // MARK: keys

    func saveSQL(_ key: KMSKey) -> BoundStatement {
        let wrapped = key.material.map { JSONValue.string(Hex.encode(AESGCM.sealCombined($0, key: masterSecret, aad: Array(key.arn.utf8)))) }
        var body: [(String, JSONValue)] = [
            ("KeyId", .string(key.keyId)), ("Account", .string(key.account)), ("Region", .string(key.region)),
            ("CreationDate", .string(String(key.creationDate))), ("Description", .string(key.description)),
            ("KeyState", .string(key.state.rawValue)), ("KeyManager", .string(key.keyManager)), ("Policy", .string(key.policy)),
            ("Tags", .array(key.tags.map { ["TagKey": .string($0.key), "TagValue": .string($0.value)] })),
            ("Material", .array(wrapped)), ("RotationEnabled", .bool(key.rotationEnabled)),
            ("RotationPeriodInDays", .int(key.rotationPeriodInDays)),
        ]
        if let d = key.deletionDate { body.append(("DeletionDate", .string(String(d)))) }
        if let w = key.pendingWindowInDays { body.append(("PendingWindowInDays", .int(w))) }
        if let a = key.rotationAnchor { body.append(("RotationAnchor", .string(String(a)))) }
        if let u = key.unusableSince { body.append(("UnusableSince", .string(String(u)))) }
        return BoundStatement("INSERT OR REPLACE INTO kms_keys(arn, body) VALUES (?1, ?2)",
                              [.blob(Array(key.arn.utf8)), .blob(JSONWriter.encode(.object(body)))])
    }

    static func deleteKeySQL(_ arn: String) -> BoundStatement { BoundStatement("DELETE FROM kms_keys WHERE arn = ?1", [.blob(Array(arn.utf8))]) }

    func key(from json: JSONValue) -> KMSKey? {
        guard let keyId = json["KeyId"]?.stringValue, let account = json["Account"]?.stringValue, let region = json["Region"]?.stringValue,
              let state = json["KeyState"]?.stringValue.flatMap(KeyState.init(rawValue:)) else { return nil }
        let arn = KMSKey.arn(account: account, region: region, keyId: keyId)
        var material: [[UInt8]] = []
        for item in json["Material"]?.arrayValue ?? [] {
            guard let blob = item.stringValue.flatMap(Hex.decode),
                  let plain = AESGCM.openCombined(blob, key: masterSecret, aad: Array(arn.utf8)) else { return nil }
            material.append(plain)
        }
        func double(_ name: String) -> Double? { json[name]?.stringValue.flatMap(Double.init) }
        func int(_ name: String) -> Int? { if case .number(let t)? = json[name] { return Int(t) } else { return nil } }
        let tags = (json["Tags"]?.arrayValue ?? []).compactMap { t -> KMSTag? in
            guard let k = t["TagKey"]?.stringValue, let v = t["TagValue"]?.stringValue else { return nil }
            return KMSTag(key: k, value: v)
        }
        var key = KMSKey(keyId: keyId, account: account, region: region, creationDate: double("CreationDate") ?? 0,
                      description: json["Description"]?.stringValue ?? "", state: state, deletionDate: double("DeletionDate"),
                      pendingWindowInDays: int("PendingWindowInDays"), keyManager: json["KeyManager"]?.stringValue ?? "CUSTOMER",
                      policy: json["Policy"]?.stringValue ?? "", tags: tags, material: material,
                      rotationEnabled: json["RotationEnabled"]?.boolValue ?? false, rotationPeriodInDays: int("RotationPeriodInDays") ?? 365,
                      rotationAnchor: double("RotationAnchor"))
        key.unusableSince = double("UnusableSince")
        return key
    }

    // MARK: aliases

    static func saveSQL(_ alias: KMSAlias) -> BoundStatement {
        let body: JSONValue = [
            "AliasName": .string(alias.name), "Account": .string(alias.account), "Region": .string(alias.region),
            "TargetKeyId": .string(alias.targetKeyId), "CreationDate": .string(String(alias.creationDate)),
            "LastUpdatedDate": .string(String(alias.lastUpdatedDate)),
        ]
        return BoundStatement("INSERT OR REPLACE INTO kms_aliases(arn, body) VALUES (?1, ?2)", [.blob(Array(alias.arn.utf8)), .blob(JSONWriter.encode(body))])
    }

    static func deleteAliasSQL(_ arn: String) -> BoundStatement { BoundStatement("DELETE FROM kms_aliases WHERE arn = ?1", [.blob(Array(arn.utf8))]) }

    static func alias(from json: JSONValue) -> KMSAlias? {
        guard let name = json["AliasName"]?.stringValue, let account = json["Account"]?.stringValue, let region = json["Region"]?.stringValue,
              let target = json["TargetKeyId"]?.stringValue else { return nil }
        return KMSAlias(name: name, account: account, region: region, targetKeyId: target,
                        creationDate: json["CreationDate"]?.stringValue.flatMap(Double.init) ?? 0,
                        lastUpdatedDate: json["LastUpdatedDate"]?.stringValue.flatMap(Double.init) ?? 0)
    }

    // MARK: grants

    static func saveSQL(_ grant: KMSGrant) -> BoundStatement {
        BoundStatement("INSERT OR REPLACE INTO kms_grants(grant_id, body) VALUES (?1, ?2)", [.blob(Array(grant.grantId.utf8)), .blob(JSONWriter.encode(grant.stored))])
    }

    static func deleteGrantSQL(_ grantId: String) -> BoundStatement { BoundStatement("DELETE FROM kms_grants WHERE grant_id = ?1", [.blob(Array(grantId.utf8))]) }

    // MARK: loading

    func load() throws -> (keys: [KMSKey], aliases: [KMSAlias], grants: [JSONValue]) {
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        var keys: [KMSKey] = []
        var aliases: [KMSAlias] = []
        var grants: [JSONValue] = []
        let k = try db.statement("SELECT body FROM kms_keys")
        while try k.step() {
            guard let json = try? JSONParser.parse(k.blob(0)), let key = key(from: json) else {
                throw KMSError.internalFailure("A stored KMS key cannot be read with this data directory's master secret.")
            }
            keys.append(key)
        }
        let a = try db.statement("SELECT body FROM kms_aliases")
        while try a.step() {
            if let json = try? JSONParser.parse(a.blob(0)), let alias = Self.alias(from: json) { aliases.append(alias) }
        }
        let g = try db.statement("SELECT body FROM kms_grants")
        while try g.step() {
            if let json = try? JSONParser.parse(g.blob(0)) { grants.append(json) }
        }
        return (keys, aliases, grants)
    }
}
