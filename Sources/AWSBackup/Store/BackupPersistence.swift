import DynamoStorage
import FoundationEssentials

/// AWS Backup's objects in the server's database (module migrations "backup"): one row per
/// vault, plan, selection and job, its body the object's JSON. Writes are bound statements run
/// by the store's single writer; reads happen once, at start-up.
final class BackupPersistence: Sendable {
    let store: Store

    static let migrations: [String] = [
        "CREATE TABLE backup_objects(kind TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY(kind, id));",
    ]

    init(store: Store) throws {
        self.store = store
        try store.migrate(module: "backup", Self.migrations)
    }

    static func saveSQL<T: Encodable>(_ kind: String, _ id: String, _ object: T) -> BoundStatement {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(object)).map(Array.init) ?? []
        return BoundStatement("INSERT OR REPLACE INTO backup_objects(kind, id, body) VALUES (?1, ?2, ?3)",
                              [.text(kind), .text(id), .blob(body)])
    }

    static func deleteSQL(_ kind: String, _ id: String) -> BoundStatement {
        BoundStatement("DELETE FROM backup_objects WHERE kind = ?1 AND id = ?2", [.text(kind), .text(id)])
    }

    func load() throws -> [(kind: String, body: [UInt8])] {
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT kind, body FROM backup_objects ORDER BY rowid")
        var out: [(String, [UInt8])] = []
        while try s.step() { out.append((s.string(0), s.blob(1))) }
        return out
    }

    func write(_ statements: [BoundStatement], completion: @escaping @Sendable (Result<Void, Error>) -> Void) {
        guard !statements.isEmpty else { return completion(.success(())) }
        store.write({ writer in try writer.run(statements) }, completion: completion)
    }
}
