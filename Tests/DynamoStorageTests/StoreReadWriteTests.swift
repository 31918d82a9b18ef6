import DynamoModel
import Foundation
import Testing
@testable import DynamoStorage

struct StoreReadWriteTests {
    @Test func writeThenReadOnPooledReaders() throws {
        try withStore { store, _ throws in
            try store.put(pk: skey("a"), item: #"{"v":1}"#)
            #expect(try store.read { try $0.item(tid: 1, pk: skey("a"), sk: []) } == Array(#"{"v":1}"#.utf8))
            // Two connections checked out at once (nested reads) both see each new write.
            try store.read { outer throws in
                try store.read { inner throws in
                    #expect(try outer.item(tid: 1, pk: skey("a"), sk: []) != nil)
                    #expect(try inner.item(tid: 1, pk: skey("a"), sk: []) != nil)
                }
            }
            try store.put(pk: skey("b"))
            try store.read { outer throws in
                try store.read { inner throws in
                    #expect(try outer.item(tid: 1, pk: skey("b"), sk: []) != nil)
                    #expect(try inner.item(tid: 1, pk: skey("b"), sk: []) != nil)
                }
            }
            let row = try store.read { try $0.itemRow(tid: 1, pk: skey("a"), sk: []) }
            #expect(row?.size == 10)
            #expect(row?.pk == skey("a"))
            #expect(try store.read { try $0.item(tid: 2, pk: skey("a"), sk: []) } == nil)
        }
    }

    /// Regression: a reader that stopped iterating in the middle of a result kept its statement
    /// (and with it its read transaction and WAL snapshot) open, so the pooled connection went on
    /// answering from the old snapshot.
    @Test func readerThatBrokeOutOfAQuerySeesLaterWrites() throws {
        try withStore { store, _ throws in
            for i in 0..<10 { try store.put(pk: skey("p"), sk: nkey(String(i))) }
            #expect(try store.sortKeys(pk: skey("p"), limit: 1).count == 1)
            try store.put(pk: skey("p"), sk: nkey("100"))
            // Read with another statement on the same (only) pooled connection: a pinned
            // snapshot would not hold the new row.
            #expect(try store.read { try $0.item(tid: 1, pk: skey("p"), sk: nkey("100")) } != nil)
            #expect(try store.sortKeys(pk: skey("p")).count == 11)
            // The same with an index query and scans that stop early.
            try store.writeAndWait { w in
                for i in 0..<5 {
                    try w.putIndexRow(iid: 9, IndexRow(ipk: skey("g"), isk: nkey(String(i)), pk: skey("p"), sk: nkey(String(i)), item: [], size: 1))
                }
            }
            try store.read { r in try r.queryIndex(iid: 9, ipk: skey("g"), range: .all, forward: true, startAfter: nil) { _ in false } }
            try store.read { r in try r.scanTable(tid: 1, startAfter: nil) { _ in false } }
            try store.read { r in try r.scanIndex(iid: 9, startAfter: nil) { _ in false } }
            try store.read { r in try r.history(tid: 1, afterSeq: 0, limit: 10) { _ in false } }
            try store.writeAndWait { w in
                try w.putIndexRow(iid: 9, IndexRow(ipk: skey("g"), isk: nkey("50"), pk: skey("p"), sk: nkey("50"), item: [], size: 1))
                try w.putItem(tid: 1, pk: skey("q"), sk: [], item: [], size: 1, expires: nil)
            }
            #expect(try store.read { try $0.item(tid: 1, pk: skey("q"), sk: []) } != nil)
            #expect(try store.read { try $0.indexCounters(iid: 9) }.itemCount == 6)
            let indexRows = try store.read { r in
                var n = 0
                try r.queryIndex(iid: 9, ipk: skey("g"), range: .all, forward: true, startAfter: nil) { _ in n += 1; return true }
                return n
            }
            #expect(indexRows == 6)
            #expect(try store.itemCount() == 12)
        }
    }

    /// A visit that throws also releases the statement.
    @Test func readerWhoseVisitThrewSeesLaterWrites() throws {
        try withStore { store, _ throws in
            for i in 0..<3 { try store.put(pk: skey("p"), sk: nkey(String(i))) }
            #expect(throws: TestFailure.self) {
                try store.read { r in
                    try r.queryTable(tid: 1, pk: skey("p"), range: .all, forward: true, startAfter: nil) { _ in throw TestFailure(tag: "stop") }
                }
            }
            try store.put(pk: skey("p"), sk: nkey("3"))
            #expect(try store.read { try $0.item(tid: 1, pk: skey("p"), sk: nkey("3")) } != nil)
            #expect(try store.sortKeys(pk: skey("p")).count == 4)
        }
    }

    @Test func snapshotReadsAreStable() throws {
        try withStore { store, _ throws in
            try store.put(pk: skey("a"))
            try store.read { r in
                try r.snapshot {
                    #expect(try r.item(tid: 1, pk: skey("a"), sk: []) != nil)
                    try store.put(pk: skey("b"))
                    // Inside the snapshot the new row stays invisible.
                    #expect(try r.item(tid: 1, pk: skey("b"), sk: []) == nil)
                }
                // After it, the same connection sees it.
                #expect(try r.item(tid: 1, pk: skey("b"), sk: []) != nil)
            }
        }
    }

    @Test func writeAndWaitReturnsAndRethrows() throws {
        try withStore { store, _ throws in
            let id = try store.writeAndWait { w in try w.allocateStorageId() }
            let next = try store.writeAndWait { w in try w.allocateStorageId() }
            #expect(next == id + 1)
            #expect(throws: TestFailure(tag: "x")) {
                try store.writeAndWait { _ -> Int in throw TestFailure(tag: "x") }
            }
            // A failed write leaves nothing behind.
            #expect(throws: TestFailure.self) {
                try store.writeAndWait { w in
                    try w.putItem(tid: 1, pk: skey("gone"), sk: [], item: [], size: 1, expires: nil)
                    throw TestFailure(tag: "y")
                }
            }
            #expect(try store.read { try $0.item(tid: 1, pk: skey("gone"), sk: []) } == nil)
        }
    }

    @Test func putReplacesAndDeleteRemoves() throws {
        try withStore { store, _ throws in
            try store.put(pk: skey("a"), sk: nkey("1"), item: "1")
            try store.put(pk: skey("a"), sk: nkey("1"), item: "2")
            #expect(try store.read { try $0.item(tid: 1, pk: skey("a"), sk: nkey("1")) } == Array("2".utf8))
            #expect(try store.itemCount() == 1)
            try store.writeAndWait { w in try w.deleteItem(tid: 1, pk: skey("a"), sk: nkey("1")) }
            #expect(try store.itemCount() == 0)
        }
    }

    @Test func emptyBlobsAreBlobsNotNull() throws {
        try withStore { store, _ throws in
            // A hash-only table stores an empty sort key; it must be found by an empty key.
            try store.put(pk: [], sk: [], item: "")
            let row = try store.read { try $0.itemRow(tid: 1, pk: [], sk: []) }
            #expect(row?.item == [])
        }
    }

    @Test func reopenPersists() throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(path) }
        do {
            let store = try Store(path: path)
            try store.put(pk: skey("kept"), item: "x")
            try store.writeAndWait { w in try w.setMeta("k", "v") }
            store.close()
        }
        let store = try Store(path: path)
        defer { store.close() }
        #expect(try store.read { try $0.item(tid: 1, pk: skey("kept"), sk: []) } == Array("x".utf8))
        #expect(try store.read { try $0.meta("k") } == "v")
        #expect(try store.read { try $0.meta("missing") } == nil)
    }

    /// close() finishes every queued write before returning; later writes are refused.
    @Test func closeFinishesQueuedWrites() throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(path) }
        let log = EventLog()
        do {
            let store = try Store(path: path)
            for i in 0..<200 {
                store.write({ w in
                    try w.putItem(tid: 1, pk: skey("k\(i)"), sk: [], item: [], size: 1, expires: nil)
                }, completion: { result in
                    if case .success = result { log.append("ok") } else { log.append("failed") }
                })
            }
            store.close()
            #expect(log.all.count == 200)
            #expect(log.all.allSatisfy { $0 == "ok" })
            let refused = EventLog()
            store.write({ _ in 1 }, completion: { result in
                if case .failure(let e as SQLiteError) = result { refused.append(e.message) }
            })
            #expect(refused.all == ["store is closed"])
            #expect(throws: SQLiteError.self) { try store.writeAndWait { _ in 1 } }
        }
        let reopened = try Store(path: path)
        defer { reopened.close() }
        #expect(try reopened.itemCount() == 200)
    }
}
