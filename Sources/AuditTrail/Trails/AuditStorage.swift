import DynamoModel
import DynamoStorage

/// The audit trail's tables in the server's database (module migrations "audit"): trails,
/// the management-event history LookupEvents reads, and each trail's digest chain state. The
/// digest signing key lives in `warden_meta`.
///
/// Writes go through the store's single writer as bound statements (constant SQL, values
/// bound, prepared once and kept by the writer's connection). Reads use a private read-only
/// connection.
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

    // MARK: trails

    static func saveTrail(_ trail: Trail) -> BoundStatement {
        BoundStatement("INSERT OR REPLACE INTO audit_trails(arn, body) VALUES (?1, ?2)", [.text(trail.arn), .blob(JSONWriter.encode(trail.stored))])
    }

    static func deleteTrail(_ arn: String) -> [BoundStatement] {
        [BoundStatement("DELETE FROM audit_trails WHERE arn = ?1", [.text(arn)]),
         BoundStatement("DELETE FROM audit_digest_state WHERE trail_arn = ?1", [.text(arn)])]
    }

    func loadTrails() throws -> [Trail] {
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT body FROM audit_trails ORDER BY arn")
        var out: [Trail] = []
        while try s.step() {
            guard let json = try? JSONParser.parse(s.blob(0)), let trail = Trail(stored: json) else {
                auditLog.warning("skipping an unreadable stored trail")
                continue
            }
            out.append(trail)
        }
        return out
    }

    // MARK: digest chains

    static func saveDigestState(trailArn: String, region: String, state: DigestChainState) -> BoundStatement {
        BoundStatement("INSERT OR REPLACE INTO audit_digest_state(trail_arn, region, body) VALUES (?1, ?2, ?3)",
                       [.text(trailArn), .text(region), .blob(JSONWriter.encode(state.json))])
    }

    func loadDigestStates() throws -> [String: DigestChainState] {
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT trail_arn, region, body FROM audit_digest_state")
        var out: [String: DigestChainState] = [:]
        while try s.step() {
            guard let json = try? JSONParser.parse(s.blob(2)), let state = DigestChainState(json: json) else {
                auditLog.warning("skipping an unreadable digest chain state", metadata: ["trail": .string(s.string(0))])
                continue
            }
            out[s.string(0) + "|" + s.string(1)] = state
        }
        return out
    }

    // MARK: event history (management events, for LookupEvents)

    static func insertEvent(_ record: CloudTrailRecord) -> BoundStatement {
        let e = record.event
        let resource = LookupResource.of(e)
        return BoundStatement("""
            INSERT INTO audit_events(event_id, account, region, event_time, event_name, event_source, username, access_key_id,
                read_only, resource_type, resource_name, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """, [.text(e.eventID), .text(e.recipientAccountId), .text(e.awsRegion), .real(e.eventTime.isFinite ? e.eventTime : 0),
                  .text(e.eventName), .text(e.eventSource), .text(e.userIdentity.lookupUsername), .text(e.userIdentity.accessKeyId),
                  .text(e.readOnly ? "true" : "false"), .text(resource?.type), .text(resource?.name), .blob(record.bytes)])
    }

    static func pruneEvents(before time: Double) -> BoundStatement {
        BoundStatement("DELETE FROM audit_events WHERE event_time < ?1", [.real(time.isFinite ? time : 0)])
    }

    /// Queues statements on the writer (fire and forget: audit never fails a request).
    func write(_ statements: [BoundStatement], completion: @escaping @Sendable (Result<Void, Error>) -> Void = AuditStorage.logFailure) {
        guard !statements.isEmpty else { return completion(.success(())) }
        store.write({ writer in try writer.run(statements) }, completion: completion)
    }

    /// The completion of writes nobody waits for: a failure is logged.
    static let logFailure: @Sendable (Result<Void, Error>) -> Void = { result in
        if case .failure(let error) = result {
            auditLog.error("audit storage write failed", metadata: ["error": .string(String(describing: error))])
        }
    }

    /// Waits even when `statements` is empty: the store's writer runs jobs in order, so this
    /// also waits for history the writer thread's last pass queued without waiting (else
    /// LookupEvents, right after that pass took a call's event, could miss the call).
    func writeAndWait(_ statements: [BoundStatement]) throws {
        try store.writeAndWait { writer in
            if !statements.isEmpty { try writer.run(statements) }
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
