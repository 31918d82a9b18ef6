import Foundation
import TestSupport
import Testing
import WardenSupport
@testable import DynamoStorage

/// The working set a service keeps in memory and writes through (`PersistedState`), and the
/// table of JSON objects AWS Backup and Application Auto Scaling keep it in (`ObjectTable`).
@Suite("Persisted service state")
struct PersistedStateTests {
    struct Thing: Codable, Equatable {
        var name: String
        var size: Int
    }

    struct Things: StagedChanges {
        var byName: [String: Thing] = [:]
        var sql: [BoundStatement] = []

        mutating func save(_ t: Thing) {
            byName[t.name] = t
            sql.append(PersistedStateTests.table.save("thing", t.name, t))
        }
    }

    struct Refused: Error, Equatable { var reason: String }

    static let table = ObjectTable(module: "things", name: "things_objects")

    func load(_ store: Store) throws -> PersistedState<Things> {
        try PersistedState(Things(), loading: Self.table, from: store) { s, row in
            if row.kind == "thing", let t = row.decode(Thing.self) { s.byName[t.name] = t }
        }
    }

    func commit(_ write: PendingWrite) throws {
        try waitForCompletion { done in write.whenDone(done) }.get()
    }

    @Test func savedObjectsAreThereAfterARestartInTheOrderFirstWritten() throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(path) }
        do {
            let store = try Store(path: path)
            defer { store.close() }
            let state = try load(store)
            for (name, size) in [("b", 1), ("a", 2), ("b", 3)] {
                let (_, write) = state.transact { (s: inout Things) in s.save(Thing(name: name, size: size)) }
                try commit(write)
            }
            let (_, write) = state.transact { (s: inout Things) in
                s.byName["a"] = nil
                s.sql.append(Self.table.delete("thing", "a"))
            }
            try commit(write)
        }
        let store = try Store(path: path)
        defer { store.close() }
        #expect(try Self.table.load(store).map(\.kind) == ["thing"])
        #expect(try load(store).read { $0.byName } == ["b": Thing(name: "b", size: 3)])
        #expect(try store.read { try $0.meta("schema.things") } == "1")
    }

    /// The table and its bodies are what AWS Backup and Application Auto Scaling wrote before
    /// they shared this code: `<name>(kind, id, body)`, the body JSON with sorted keys.
    @Test func theTableAndItsRowsKeepTheirFormat() throws {
        try withStore { store, path in
            try store.migrate(module: "things", [
                "CREATE TABLE things_objects(kind TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY(kind, id));",
            ])
            try store.writeAndWait { w in
                try w.run(BoundStatement("INSERT OR REPLACE INTO things_objects(kind, id, body) VALUES (?1, ?2, ?3)",
                                         [.text("thing"), .text("old"), .blob(Array(#"{"name":"old","size":7}"#.utf8))]))
                try w.run(BoundStatement("INSERT OR REPLACE INTO things_objects(kind, id, body) VALUES (?1, ?2, ?3)",
                                         [.text("thing"), .text("bad"), .blob(Array("not json".utf8))]))
            }
            // A table made by the first migration is not made again; a row that does not decode is passed over.
            let state = try load(store)
            #expect(state.withLock { $0.byName } == ["old": Thing(name: "old", size: 7)])
            let save = Self.table.save("thing", "n", Thing(name: "n", size: 1))
            #expect(save == BoundStatement("INSERT OR REPLACE INTO things_objects(kind, id, body) VALUES (?1, ?2, ?3)",
                                           [.text("thing"), .text("n"), .blob(Array(#"{"name":"n","size":1}"#.utf8))]))
            #expect(Self.table.delete("thing", "n") == BoundStatement("DELETE FROM things_objects WHERE kind = ?1 AND id = ?2",
                                                                      [.text("thing"), .text("n")]))
            _ = path
        }
    }

    @Test func aFailedChangePersistsNothingUnlessTheServiceAsksForIt() throws {
        for persistsFailedChanges in [false, true] {
            try withStore { store, _ in
                _ = try load(store)  // creates the table
                let state = PersistedState(Things(), store: store, persistsFailedChanges: persistsFailedChanges)
                #expect(throws: Refused(reason: "no")) {
                    _ = try state.transact { (s: inout Things) throws(Refused) in
                        s.save(Thing(name: "half", size: 1))
                        throw Refused(reason: "no")
                    }
                }
                // A later change's write commits after the failed one's (one writer, in order).
                let (_, write) = state.transact { (s: inout Things) in s.save(Thing(name: "later", size: 2)) }
                try commit(write)
                #expect(try Self.table.load(store).compactMap { $0.decode(Thing.self)?.name }.sorted()
                        == (persistsFailedChanges ? ["half", "later"] : ["later"]))
                // Either way the next change starts with no statements left over.
                #expect(state.withLock { $0.sql.isEmpty })
            }
        }
    }

    @Test func inMemoryStateHasNothingToWait() throws {
        let state = PersistedState(Things(), store: nil)
        let (value, write) = state.transact { (s: inout Things) -> Int in
            s.save(Thing(name: "x", size: 2))
            return s.byName.count
        }
        #expect(value == 1)
        #expect(throws: Never.self) { try commit(write) }
        #expect(state.withLock { $0.byName["x"]?.size } == 2)
    }
}
