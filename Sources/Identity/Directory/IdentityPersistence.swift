import DynamoStorage
import FoundationEssentials

/// Keeps Identity's state in the server's SQLite database, in tables of its own (module
/// migrations "identity"): one row per account holding the account's entities as JSON, one
/// row per STS session, and Identity's settings (the web-identity signing key) in
/// `warden_meta`.
///
/// Writes go through the store's single writer as bound statements (constant SQL, values
/// bound to its parameters, prepared once and kept by the writer's connection). Reads happen
/// once, at start-up, on a private read-only connection.
final class IdentityPersistence: Sendable {
    let store: Store

    static let migrations: [String] = [
        // 1: accounts (entities as JSON) and temporary credentials.
        """
        CREATE TABLE identity_accounts(account BLOB PRIMARY KEY, body BLOB NOT NULL);
        CREATE TABLE identity_sessions(access_key_id BLOB PRIMARY KEY, expires REAL NOT NULL, body BLOB NOT NULL);
        CREATE INDEX identity_sessions_expiry ON identity_sessions(expires);
        """,
    ]

    init(store: Store) throws {
        self.store = store
        try store.migrate(module: "identity", Self.migrations)
    }

    struct Loaded {
        var accounts: [Account] = []
        var sessions: [Session] = []
    }

    /// Everything stored, read on a private connection.
    func load() throws -> Loaded {
        let connection = try SQLiteConnection(path: store.path, readOnly: true)
        var loaded = Loaded()
        let decoder = JSONDecoder()
        let accounts = try connection.statement("SELECT body FROM identity_accounts")
        while try accounts.step() {
            loaded.accounts.append(try decoder.decode(Account.self, from: Data(accounts.blob(0))))
        }
        let sessions = try connection.statement("SELECT body FROM identity_sessions")
        while try sessions.step() {
            loaded.sessions.append(try decoder.decode(Session.self, from: Data(sessions.blob(0))))
        }
        return loaded
    }

    /// An entity as stored. A failure is thrown, never written as an empty body in its place.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    /// The statement that stores one account.
    static func saveAccount(_ account: Account) throws -> BoundStatement {
        BoundStatement("INSERT OR REPLACE INTO identity_accounts(account, body) VALUES (?1, ?2)",
                       [.blob(Array(account.id.utf8)), .blob(try encode(account))])
    }

    static func saveSession(_ session: Session) throws -> BoundStatement {
        BoundStatement("INSERT OR REPLACE INTO identity_sessions(access_key_id, expires, body) VALUES (?1, ?2, ?3)",
                       [.blob(Array(session.accessKeyId.utf8)), .real(session.expiration.isFinite ? session.expiration : 0),
                        .blob(try encode(session))])
    }

    static func pruneSessions(expiredBefore time: Double) -> BoundStatement {
        BoundStatement("DELETE FROM identity_sessions WHERE expires < ?1", [.real(time.isFinite ? time : 0)])
    }

    /// Queues statements on the writer; `completion` runs after the commit.
    func write(_ statements: [BoundStatement], completion: @escaping @Sendable (Result<Void, Error>) -> Void) {
        store.write({ writer in try writer.run(statements) }, completion: completion)
    }

    func writeAndWait(_ statements: [BoundStatement]) throws {
        try store.writeAndWait { writer in try writer.run(statements) }
    }

    func meta(_ key: String) throws -> String? {
        try store.read { try $0.meta(key) }
    }

    func setMeta(_ key: String, _ value: String) throws {
        try store.writeAndWait { writer in try writer.setMeta(key, value) }
    }
}
