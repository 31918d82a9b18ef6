import DynamoModel
import DynamoStorage

/// The audit trail's tables in the server's database (module migrations "audit"): trails,
/// the management-event history LookupEvents reads, and each trail's digest chain state. The
/// digest signing key lives in `warden_meta`.
///
/// Writes go through the store's single writer. The store offers modules no statement with
/// bound arguments, so values are spliced as hexadecimal literals (`X'…'`, cast to TEXT where
/// a column holds text): only the digits 0-9 and a-f from caller data ever reach SQL text.
/// Reads use a private read-only connection with bound arguments.
public final class AuditStorage: Sendable {
    let store: Store

    static let migrations: [String] = [
        """
        CREATE TABLE audit_trails(arn TEXT PRIMARY KEY, body BLOB NOT NULL);
        CREATE TABLE audit_events(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL, event_time REAL NOT NULL,
            event_name TEXT NOT NULL, event_source TEXT NOT NULL, username TEXT, access_key_id TEXT,
            read_only TEXT NOT NULL, resource_type TEXT, resource_name TEXT, record BLOB NOT NULL);
        CREATE INDEX audit_events_by_time ON audit_events(account, region, event_time);
        CREATE TABLE audit_digest_state(trail_arn TEXT NOT NULL, region TEXT NOT NULL, body BLOB NOT NULL,
            PRIMARY KEY(trail_arn, region));
        """,
    ]

    public init(store: Store) throws {
        self.store = store
        try store.migrate(module: "audit", Self.migrations)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = Array("X'".utf8)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        out.append(UInt8(ascii: "'"))
        return String(decoding: out, as: UTF8.self)
    }

    static func text(_ value: String?) -> String {
        guard let value else { return "NULL" }
        return "CAST(\(hex(value.utf8)) AS TEXT)"
    }

    static func real(_ value: Double) -> String { value.isFinite ? String(value) : "0" }

    // MARK: trails

    static func saveTrailSQL(_ trail: Trail) -> String {
        "INSERT OR REPLACE INTO audit_trails(arn, body) VALUES (\(text(trail.arn)), \(hex(JSONWriter.encode(trail.stored))))"
    }

    static func deleteTrailSQL(_ arn: String) -> String {
        "DELETE FROM audit_trails WHERE arn = \(text(arn)); DELETE FROM audit_digest_state WHERE trail_arn = \(text(arn))"
    }

    func loadTrails() throws -> [Trail] {
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT body FROM audit_trails ORDER BY arn")
        var out: [Trail] = []
        while try s.step() {
            if let json = try? JSONParser.parse(s.blob(0)), let trail = Trail(stored: json) { out.append(trail) }
        }
        return out
    }

    // MARK: digest chains

    static func saveDigestStateSQL(trailArn: String, region: String, state: DigestChainState) -> String {
        "INSERT OR REPLACE INTO audit_digest_state(trail_arn, region, body) VALUES (\(text(trailArn)), \(text(region)), \(hex(JSONWriter.encode(state.json))))"
    }

    func loadDigestStates() throws -> [String: DigestChainState] {
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT trail_arn, region, body FROM audit_digest_state")
        var out: [String: DigestChainState] = [:]
        while try s.step() {
            if let json = try? JSONParser.parse(s.blob(2)), let state = DigestChainState(json: json) {
                out[s.string(0) + "|" + s.string(1)] = state
            }
        }
        return out
    }

    // MARK: event history (management events, for LookupEvents)

    static func insertEventSQL(_ record: CloudTrailRecord) -> String {
        let e = record.event
        let resource = LookupResource.of(e)
        return """
            INSERT INTO audit_events(event_id, account, region, event_time, event_name, event_source, username, access_key_id,
                read_only, resource_type, resource_name, record) VALUES (\(text(e.eventID)), \(text(e.recipientAccountId)),
                \(text(e.awsRegion)), \(real(e.eventTime)), \(text(e.eventName)), \(text(e.eventSource)),
                \(text(e.userIdentity.lookupUsername)), \(text(e.userIdentity.accessKeyId)), \(text(e.readOnly ? "true" : "false")),
                \(text(resource?.type)), \(text(resource?.name)), \(hex(record.bytes)))
            """
    }

    static func pruneEventsSQL(before time: Double) -> String {
        "DELETE FROM audit_events WHERE event_time < \(real(time))"
    }

    /// Queues statements on the writer (fire and forget: audit never fails a request).
    func write(_ statements: [String], completion: @escaping @Sendable (Result<Void, Error>) -> Void = { _ in }) {
        guard !statements.isEmpty else { return completion(.success(())) }
        store.write({ writer in
            for sql in statements { try writer.execute(sql) }
        }, completion: completion)
    }

    func writeAndWait(_ statements: [String]) throws {
        guard !statements.isEmpty else { return }
        try store.writeAndWait { writer in
            for sql in statements { try writer.execute(sql) }
        }
    }

    // MARK: signing key

    static let signingKeyMeta = "audit.digest_signing_key"

    /// The instance's digest signing key: generated (2048-bit RSA) at first start, then read
    /// back from `warden_meta`.
    func signingKey() throws -> SigningKey {
        if let hexKey = try store.read({ try $0.meta(Self.signingKeyMeta) }), let der = DigestCrypto.unhex(hexKey) {
            return try SigningKey.load(privateKeyDER: der)
        }
        let key = try SigningKey.generate()
        let encoded = DigestCrypto.hex(key.privateKeyDER)
        try store.writeAndWait { writer in try writer.setMeta(Self.signingKeyMeta, encoded) }
        return key
    }
}

/// The resource LookupEvents shows for an event: its first resource, or the table named in
/// a DynamoDB request.
struct LookupResource {
    var type: String
    var name: String

    static func of(_ e: AuditEvent) -> LookupResource? {
        if let first = e.resources.first { return LookupResource(type: first.type, name: first.name) }
        return nil
    }
}
