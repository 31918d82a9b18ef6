import DynamoModel
import Testing
@testable import DynamoStorage

/// Tables, counters, history rows and TTL expiry in storage.
struct StoreRowsTests {
    func record(_ id: Int64, _ name: String, account: String = "111", region: String = "us-east-1") -> TableRecord {
        TableRecord(storageId: id, account: account, region: region, name: name, definition: Array("{\"n\":\"\(name)\"}".utf8), itemCount: 0, sizeBytes: 0)
    }

    @Test func tablesAndCounters() throws {
        try withStore { store, _ throws in
            let (a, b) = try store.writeAndWait { w -> (Int64, Int64) in
                let a = try w.allocateStorageId(), b = try w.allocateStorageId()
                try w.insertTable(self.record(b, "second"))
                try w.insertTable(self.record(a, "first"))
                return (a, b)
            }
            #expect(b == a + 1)
            #expect(try store.read { try $0.tables() }.map(\.name) == ["first", "second"])
            try store.writeAndWait { w in
                try w.adjustCounters(storageId: a, itemDelta: 3, sizeDelta: 300)
                try w.adjustCounters(storageId: a, itemDelta: -1, sizeDelta: -50)
                try w.adjustCounters(storageId: a, itemDelta: 0, sizeDelta: 0)
                try w.updateDefinition(storageId: b, definition: Array("new".utf8))
            }
            #expect(try store.read { try $0.counters(storageId: a) } == (2, 250))
            #expect(try store.read { try $0.counters(storageId: b) } == (0, 0))
            #expect(try store.read { try $0.counters(storageId: 999) } == (0, 0))
            let t = try store.read { try $0.table(storageId: b) }
            #expect(t?.definition == Array("new".utf8))
            #expect(t?.account == "111" && t?.region == "us-east-1")
            #expect(try store.read { try $0.table(storageId: 999) } == nil)
            // (account, region, name) is unique; the same name elsewhere is another table.
            #expect(throws: SQLiteError.self) { try store.writeAndWait { w in try w.insertTable(self.record(50, "first")) } }
            try store.writeAndWait { w in
                try w.insertTable(self.record(51, "first", account: "222"))
                try w.insertTable(self.record(52, "first", region: "eu-west-1"))
            }
            #expect(try store.read { try $0.tables() }.count == 4)
        }
    }

    @Test func deleteTableKeepsHistory() throws {
        try withStore { store, _ throws in
            try store.writeAndWait { w in
                try w.insertTable(self.record(1, "t"))
                try w.putItem(tid: 1, pk: skey("a"), sk: [], item: [], size: 1, expires: nil)
                try w.putItem(tid: 2, pk: skey("a"), sk: [], item: [], size: 1, expires: nil)
                try w.putIndexRow(iid: 10, IndexRow(ipk: skey("i"), isk: [], pk: skey("a"), sk: [], item: [], size: 1))
                try w.putIndexRow(iid: 11, IndexRow(ipk: skey("i"), isk: [], pk: skey("a"), sk: [], item: [], size: 1))
                try w.appendHistory(tid: 1, pk: skey("a"), sk: [], at: 1, oldItem: nil, newItem: [1], origin: "user")
                try w.deleteTable(storageId: 1, indexIds: [10])
            }
            #expect(try store.read { try $0.tables() }.isEmpty)
            #expect(try store.itemCount(tid: 1) == 0)
            #expect(try store.itemCount(tid: 2) == 1)
            #expect(try store.read { try $0.indexCounters(iid: 10) } == (0, 0))
            #expect(try store.read { try $0.indexCounters(iid: 11) } == (1, 1))
            #expect(try store.read { try $0.latestHistorySeq() } == 1)
        }
    }

    @Test func historyRows() throws {
        try withStore { store, _ throws in
            #expect(try store.read { try $0.latestHistorySeq() } == 0)
            let seqs = try store.writeAndWait { w -> [Int64] in
                var out: [Int64] = []
                for i in 0..<10 {
                    out.append(try w.appendHistory(tid: i % 2 == 0 ? 1 : 2, pk: skey("k\(i)"), sk: nkey(String(i)), at: Double(100 + i),
                                                   oldItem: i == 0 ? nil : [UInt8(i - 1)], newItem: i == 9 ? nil : [UInt8(i)],
                                                   origin: i == 4 ? "ttl" : "user"))
                }
                return out
            }
            #expect(seqs == Array(1...10))
            #expect(try store.read { try $0.latestHistorySeq() } == 10)
            func rows(tid: Int64, after: Int64, limit: Int) throws -> [HistoryRow] {
                try store.read { r in
                    var out: [HistoryRow] = []
                    try r.history(tid: tid, afterSeq: after, limit: limit) { out.append($0); return true }
                    return out
                }
            }
            let table1 = try rows(tid: 1, after: 0, limit: 100)
            #expect(table1.map(\.seq) == [1, 3, 5, 7, 9])
            #expect(table1.map(\.at) == [100, 102, 104, 106, 108])
            #expect(table1[0].oldItem == nil && table1[0].newItem == [0])
            #expect(table1[2].origin == "ttl" && table1[2].pk == skey("k4") && table1[2].sk == nkey("4"))
            let table2 = try rows(tid: 2, after: 4, limit: 2)
            #expect(table2.map(\.seq) == [6, 8])
            #expect(try rows(tid: 2, after: 10, limit: 5).isEmpty)
            let last = try rows(tid: 2, after: 8, limit: 5)
            #expect(last.count == 1 && last[0].newItem == nil && last[0].oldItem == [8])
        }
    }

    @Test func expiredItems() throws {
        try withStore { store, _ throws in
            try store.writeAndWait { w in
                for (i, expires) in [(0, 50.0), (1, 100.0), (2, 150.0), (3, 200.0), (4, 10.0)] as [(Int, Double)] {
                    try w.putItem(tid: 1, pk: skey("k\(i)"), sk: [], item: [], size: 1, expires: expires)
                }
                try w.putItem(tid: 2, pk: skey("other"), sk: nkey("1"), item: [], size: 1, expires: 75)
                try w.putItem(tid: 1, pk: skey("never"), sk: [], item: [], size: 1, expires: nil)
            }
            func due(_ now: Double, _ notBefore: Double, _ limit: Int = 100) throws -> [String] {
                try store.read { try $0.expired(before: now, notBefore: notBefore, limit: limit) }.map {
                    "\($0.tid):" + String(decoding: $0.pk, as: UTF8.self)
                }
            }
            // Oldest first; the window is (notBefore, now].
            #expect(try due(150, 0) == ["1:k4", "1:k0", "2:other", "1:k1", "1:k2"])
            #expect(try due(149.9, 0) == ["1:k4", "1:k0", "2:other", "1:k1"])
            #expect(try due(150, 50) == ["2:other", "1:k1", "1:k2"])
            #expect(try due(1_000, 0, 2) == ["1:k4", "1:k0"])
            #expect(try due(9, 0).isEmpty)
            let other = try store.read { try $0.expired(before: 80, notBefore: 60, limit: 10) }
            #expect(other.count == 1 && other[0].sk == nkey("1"))
            // Changing or clearing an expiry moves the item in or out of the window.
            try store.writeAndWait { w in
                try w.setExpiry(tid: 1, pk: skey("k4"), sk: [], expires: nil)
                try w.setExpiry(tid: 1, pk: skey("never"), sk: [], expires: 60)
            }
            #expect(try due(100, 0) == ["1:k0", "1:never", "2:other", "1:k1"])
        }
    }
}
