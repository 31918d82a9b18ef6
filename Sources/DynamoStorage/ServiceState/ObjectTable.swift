import FoundationEssentials

/// A service's objects in the server's database as one table of JSON bodies,
/// `<name>(kind, id, body)`, created by the service's own migration: one row per object, its
/// body the object's JSON (keys sorted). AWS Backup keeps its vaults, plans, selections and
/// jobs in `backup_objects`, Application Auto Scaling its targets and policies in
/// `autoscaling_objects`. Writes are bound statements run by the store's single writer; reads
/// happen once, at start-up.
public struct ObjectTable: Sendable {
    /// The module whose schema version counts this table's migration (`schema.<module>`).
    public let module: String
    public let name: String

    public init(module: String, name: String) {
        self.module = module
        self.name = name
    }

    var migrations: [String] {
        ["CREATE TABLE \(name)(kind TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY(kind, id));"]
    }

    /// One stored object: its kind and JSON body.
    public struct Row: Sendable {
        public var kind: String
        public var body: [UInt8]

        /// The body decoded as `type`; nil when it does not decode (the row is passed over).
        public func decode<T: Decodable>(_ type: T.Type) -> T? {
            try? JSONDecoder().decode(type, from: Data(body))
        }
    }

    /// Creates the table if needed and reads every row, in the order they were first written.
    public func load(_ store: Store) throws -> [Row] {
        try store.migrate(module: module, migrations)
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT kind, body FROM \(name) ORDER BY rowid")
        var out: [Row] = []
        while try s.step() { out.append(Row(kind: s.string(0), body: s.blob(1))) }
        return out
    }

    /// Writes (or replaces) the object `kind`/`id`.
    public func save<T: Encodable>(_ kind: String, _ id: String, _ object: T) -> BoundStatement {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(object)).map(Array.init) ?? []
        return BoundStatement("INSERT OR REPLACE INTO \(name)(kind, id, body) VALUES (?1, ?2, ?3)", [.text(kind), .text(id), .blob(body)])
    }

    /// Removes the object `kind`/`id`.
    public func delete(_ kind: String, _ id: String) -> BoundStatement {
        BoundStatement("DELETE FROM \(name) WHERE kind = ?1 AND id = ?2", [.text(kind), .text(id)])
    }
}

extension PersistedState {
    /// The state `table` keeps in `store`'s database: `initial` with each stored row applied
    /// by `apply`, in the order the rows were first written.
    public convenience init(_ initial: State, loading table: ObjectTable, from store: Store,
                            _ apply: (inout State, ObjectTable.Row) -> Void) throws {
        var state = initial
        for row in try table.load(store) { apply(&state, row) }
        self.init(state, store: store)
    }
}
