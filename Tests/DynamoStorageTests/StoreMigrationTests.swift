import Foundation
import Testing
@testable import DynamoStorage

struct StoreMigrationTests {
    @Test func moduleMigrationsRunInOrderOnce() throws {
        try withStore { store, path throws in
            let first = ["CREATE TABLE m_one(x INTEGER)", "INSERT INTO m_one VALUES (1)"]
            try store.migrate(module: "mod", first)
            #expect(try store.read { try $0.meta("schema.mod") } == "2")
            // Idempotent: running the same list again does nothing (a re-run would fail).
            try store.migrate(module: "mod", first)
            try store.migrate(module: "mod", first)
            // Appending runs only the new one, which can rely on the earlier ones.
            try store.migrate(module: "mod", first + ["INSERT INTO m_one SELECT x + 1 FROM m_one"])
            #expect(try store.read { try $0.meta("schema.mod") } == "3")
            let values = try store.read { r in
                try r.db.withStatement("SELECT x FROM m_one ORDER BY x") { s in
                    var out: [Int] = []
                    while try s.step() { out.append(s.int(0)) }
                    return out
                }
            }
            #expect(values == [1, 2])
            // Modules are independent.
            try store.migrate(module: "other", ["CREATE TABLE m_two(y)"])
            #expect(try store.read { try $0.meta("schema.other") } == "1")
            #expect(try store.read { try $0.meta("schema.mod") } == "3")
            _ = path
        }
    }

    @Test func failedMigrationLeavesNothing() throws {
        try withStore { store, _ throws in
            #expect(throws: SQLiteError.self) {
                try store.migrate(module: "bad", ["CREATE TABLE half_done(x)", "CREATE TABLE broken("])
            }
            #expect(try store.read { try $0.meta("schema.bad") } == nil)
            // The first statement was rolled back with the second: running a fixed list works.
            try store.migrate(module: "bad", ["CREATE TABLE half_done(x)", "CREATE TABLE fixed(y)"])
            #expect(try store.read { try $0.meta("schema.bad") } == "2")
        }
    }

    @Test func migrationsSurviveReopen() throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(path) }
        do {
            let store = try Store(path: path)
            try store.migrate(module: "mod", ["CREATE TABLE kept(x)"])
            store.close()
        }
        let store = try Store(path: path)
        defer { store.close() }
        try store.migrate(module: "mod", ["CREATE TABLE kept(x)"])
        #expect(try store.read { try $0.meta("schema.mod") } == "1")
        // The built-in schema migrated once: user_version records it.
        let version = try store.read { r in try r.db.withStatement("PRAGMA user_version") { s in _ = try s.step(); return s.int(0) } }
        #expect(version == Migrations.all.count)
    }
}
