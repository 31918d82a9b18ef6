/// A value bound to a statement's parameter (`?1`, `?2`…): never spliced into SQL text.
public enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null

    /// Text, or NULL when absent.
    public static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
}

/// One statement of another module's write: constant SQL with numbered parameters and the
/// values to bind to them. The writer prepares each distinct SQL text once and keeps it (the
/// connection's statement cache), so modules above storage write exactly as storage itself
/// does — bound arguments, persistent prepared statements — and never build SQL from data.
public struct BoundStatement: Sendable, Equatable {
    public var sql: String
    public var arguments: [SQLValue]

    public init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

extension SQLiteStatement {
    /// Binds `arguments` to parameters 1, 2, ….
    @discardableResult
    func bind(_ arguments: [SQLValue]) -> SQLiteStatement {
        for (offset, value) in arguments.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let v): bind(index, v)
            case .real(let v): bind(index, v)
            case .text(let v): bind(index, v)
            case .blob(let v): bind(index, blob: v)
            case .null: bindNull(index)
            }
        }
        return self
    }
}

extension StorageWriter {
    /// Runs one bound statement through the connection's statement cache.
    public func run(_ statement: BoundStatement) throws(SQLiteError) {
        let s = try db.statement(statement.sql)
        defer { s.reset() }
        try s.bind(statement.arguments).run()
    }

    /// Runs bound statements in order (inside the writer's transaction).
    public func run(_ statements: [BoundStatement]) throws(SQLiteError) {
        for statement in statements { try run(statement) }
    }
}
