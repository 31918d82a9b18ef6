import DynamoStorage
import Foundation

/// Keeps Identity's state in the server's SQLite database, in tables of its own (module
/// migrations "identity"): one row per account holding the account's entities as JSON, one
/// row per STS session, and Identity's settings (the web-identity signing key) in
/// `warden_meta`.
///
/// Writes go through the store's single writer. The store offers modules no statement with
/// bound arguments, so every value is spliced as a hexadecimal BLOB literal (`X'…'`) — only
/// the digits 0-9 and a-f ever reach the SQL text, so nothing a caller sends can change a
/// statement's meaning. Reads happen once, at start-up, on a private read-only connection.
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

    static func hexLiteral(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = Array("X'".utf8)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        out.append(UInt8(ascii: "'"))
        return String(decoding: out, as: UTF8.self)
    }

    static func hexLiteral(_ text: String) -> String { hexLiteral(text.utf8) }

    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// The SQL that stores one account (or removes it).
    static func saveAccountSQL(_ account: Account) -> String {
        "INSERT OR REPLACE INTO identity_accounts(account, body) VALUES (\(hexLiteral(account.id)), \(hexLiteral(encode(account))))"
    }

    static func saveSessionSQL(_ session: Session) -> String {
        let expires = session.expiration.isFinite ? String(session.expiration) : "0"
        return "INSERT OR REPLACE INTO identity_sessions(access_key_id, expires, body) VALUES (\(hexLiteral(session.accessKeyId)), \(expires), \(hexLiteral(encode(session))))"
    }

    static func pruneSessionsSQL(expiredBefore time: Double) -> String {
        "DELETE FROM identity_sessions WHERE expires < \(time.isFinite ? String(time) : "0")"
    }

    /// Queues statements on the writer; `completion` runs after the commit.
    func write(_ statements: [String], completion: @escaping @Sendable (Result<Void, Error>) -> Void) {
        store.write({ writer in
            for sql in statements { try writer.execute(sql) }
        }, completion: completion)
    }

    func writeAndWait(_ statements: [String]) throws {
        try store.writeAndWait { writer in
            for sql in statements { try writer.execute(sql) }
        }
    }

    func meta(_ key: String) throws -> String? {
        try store.read { try $0.meta(key) }
    }

    func setMeta(_ key: String, _ value: String) throws {
        try store.writeAndWait { writer in try writer.setMeta(key, value) }
    }
}
