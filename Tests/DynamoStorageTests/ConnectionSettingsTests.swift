import CSQLite
import Testing
@testable import DynamoStorage

/// Settings that keep reads off syscalls and process-wide locks.
@Suite("Connection settings")
struct ConnectionSettingsTests {
    @Test func memoryStatisticsAreOff() throws {
        _ = try SQLiteConnection(path: ":memory:", readOnly: false)
        #expect(SQLiteConnection.configured)
        // With statistics off SQLite counts nothing (and takes no mutex to count).
        let db = try SQLiteConnection(path: ":memory:", readOnly: false)
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (randomblob(100000))")
        #expect(sqlite3_memory_used() == 0)
    }

    @Test func readConnectionsMapTheFile() throws {
        try withStore { store, _ in
            try store.migrate(module: "settings-test", ["CREATE TABLE t(x)"])
            let mapped = try store.read { reader in
                let s = try reader.db.statement("PRAGMA mmap_size")
                _ = try s.step()
                return s.string(0)
            }
            #expect(mapped == String(ReaderPool.mapSize))
        }
    }
}
