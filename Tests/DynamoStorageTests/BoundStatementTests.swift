import Testing
@testable import DynamoStorage

@Suite("Bound statements (other modules' writes)")
struct BoundStatementTests {
    static let schema = ["CREATE TABLE t_values(k TEXT PRIMARY KEY, i INTEGER, r REAL, b BLOB, n TEXT)"]

    /// Reads one row back on a private read-only connection, the values typed as SQLite stored them.
    func row(_ path: String, _ key: String) throws -> [String]? {
        let db = try SQLiteConnection(path: path, readOnly: true)
        let s = try db.statement("SELECT typeof(i), i, typeof(r), r, typeof(b), hex(b), typeof(n) FROM t_values WHERE k = ?1")
        s.bind(1, key)
        guard try s.step() else { return nil }
        return (0..<7).map { s.string(Int32($0)) }
    }

    @Test func everyKindOfValueIsBound() throws {
        try withStore { store, path in
            try store.migrate(module: "bound-test", Self.schema)
            try store.writeAndWait { w in
                try w.run(BoundStatement("INSERT INTO t_values(k, i, r, b, n) VALUES (?1, ?2, ?3, ?4, ?5)",
                                         [.text("a"), .integer(-7), .real(1.5), .blob([0x00, 0xff]), .text(nil)]))
            }
            #expect(try row(path, "a") == ["integer", "-7", "real", "1.5", "blob", "00FF", "null"])
        }
    }

    @Test func hostileTextStaysAValue() throws {
        try withStore { store, path in
            try store.migrate(module: "bound-test", Self.schema)
            let hostile = "x'); DROP TABLE t_values; --"
            try store.writeAndWait { w in
                try w.run([BoundStatement("INSERT INTO t_values(k, b) VALUES (?1, ?2)", [.text(hostile), .blob([])]),
                           BoundStatement("INSERT INTO t_values(k) VALUES (?1)", [.text("second")])])
            }
            // The table survived; the text is a key like any other; an empty blob is a blob.
            #expect(try row(path, hostile)?[4] == "blob")
            #expect(try row(path, "second") != nil)
        }
    }

    @Test func statementsAreCachedAndResetBetweenRuns() throws {
        try withStore { store, path in
            try store.migrate(module: "bound-test", Self.schema)
            let sql = "INSERT OR REPLACE INTO t_values(k, i) VALUES (?1, ?2)"
            try store.writeAndWait { w in
                for i in 0..<50 { try w.run(BoundStatement(sql, [.text("k\(i % 5)"), .integer(Int64(i))])) }
            }
            // The last binding of each key won; no earlier binding leaked into a later run.
            #expect(try row(path, "k4")?[1] == "49")
            #expect(try row(path, "k0")?[1] == "45")
        }
    }

    @Test func aFailingStatementRollsTheWriteBack() throws {
        try withStore { store, path in
            try store.migrate(module: "bound-test", Self.schema)
            #expect(throws: SQLiteError.self) {
                try store.writeAndWait { w in
                    try w.run([BoundStatement("INSERT INTO t_values(k) VALUES (?1)", [.text("kept?")]),
                               BoundStatement("INSERT INTO t_values(k) VALUES (?1)", [.text("kept?")])])  // duplicate key
                }
            }
            #expect(try row(path, "kept?") == nil)
        }
    }
}
