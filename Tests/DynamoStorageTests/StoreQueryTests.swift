import DynamoModel
import Testing
@testable import DynamoStorage

/// Range queries and scans over the encoded keys.
struct StoreQueryTests {
    /// Partition "p" holds sort keys 1…20; neighbours "o" and "q" must never leak in.
    func seeded(_ body: (Store) throws -> Void) throws {
        try withStore { store, _ throws in
            try store.writeAndWait { w in
                for pk in ["o", "p", "q"] {
                    for i in 1...20 {
                        try w.putItem(tid: 1, pk: skey(pk), sk: nkey(String(i)), item: Array("\(pk)\(i)".utf8), size: 100, expires: nil)
                        // The same keys as an index (index key = table key), for queryIndex.
                        try w.putIndexRow(iid: 7, IndexRow(ipk: skey(pk), isk: nkey(String(i)), pk: skey("t"), sk: nkey(String(i)), item: [], size: 1))
                    }
                }
                try w.putItem(tid: 2, pk: skey("p"), sk: nkey("5"), item: [], size: 1, expires: nil)
            }
            try body(store)
        }
    }

    func values(_ keys: [[UInt8]]) -> [Int] {
        keys.map { key in
            guard case .n(let n) = KeyCodec.decode(key, type: .N) else { return -1 }
            return Int(n.int64Value ?? -1)
        }
    }

    @Test(arguments: [
        // (lower, lowerInclusive, upper, upperInclusive, expected forward)
        (nil, true, nil, true, Array(1...20)),
        (5, true, nil, true, Array(5...20)),
        (5, false, nil, true, Array(6...20)),
        (nil, true, 7, true, Array(1...7)),
        (nil, true, 7, false, Array(1...6)),
        (3, true, 6, true, [3, 4, 5, 6]),
        (3, false, 6, false, [4, 5]),
        (3, true, 6, false, [3, 4, 5]),
        (3, false, 6, true, [4, 5, 6]),
        (4, true, 4, true, [4]),
        (4, false, 4, true, []),
        (0, true, 0, true, []),
        (21, true, nil, true, []),
        (9, true, 2, true, []),
    ] as [(Int?, Bool, Int?, Bool, [Int])])
    func ranges(_ lower: Int?, _ lowerInclusive: Bool, _ upper: Int?, _ upperInclusive: Bool, _ expected: [Int]) throws {
        try seeded { store throws in
            let range = KeyRange(lower: lower.map { nkey(String($0)) }, lowerInclusive: lowerInclusive,
                                 upper: upper.map { nkey(String($0)) }, upperInclusive: upperInclusive)
            #expect(values(try store.sortKeys(pk: skey("p"), range: range)) == expected)
            #expect(values(try store.sortKeys(pk: skey("p"), range: range, forward: false)) == expected.reversed())
            for forward in [true, false] {
                let indexKeys = try store.read { r in
                    var out: [[UInt8]] = []
                    try r.queryIndex(iid: 7, ipk: skey("p"), range: range, forward: forward, startAfter: nil) { out.append($0.isk); return true }
                    return out
                }
                #expect(values(indexKeys) == (forward ? expected : expected.reversed()))
            }
            // Paging through with startAfter, two at a time, in both directions.
            for forward in [true, false] {
                var seen: [Int] = []
                var after: [UInt8]?
                while true {
                    let page = try store.sortKeys(pk: skey("p"), range: range, forward: forward, startAfter: after, limit: 2)
                    seen += values(page)
                    guard page.count == 2 else { break }
                    after = page.last
                }
                #expect(seen == (forward ? expected : expected.reversed()))
            }
        }
    }

    @Test func startAfterWithoutRange() throws {
        try seeded { store throws in
            #expect(values(try store.sortKeys(pk: skey("p"), startAfter: nkey("17"))) == [18, 19, 20])
            #expect(values(try store.sortKeys(pk: skey("p"), forward: false, startAfter: nkey("3"))) == [2, 1])
            #expect(values(try store.sortKeys(pk: skey("p"), startAfter: nkey("20"))) == [])
            // A start key between stored keys.
            #expect(values(try store.sortKeys(pk: skey("p"), startAfter: nkey("17.5"))) == [18, 19, 20])
        }
    }

    @Test func rowsCarryTheirContent() throws {
        try seeded { store throws in
            let rows = try store.read { r in
                var out: [ItemRow] = []
                try r.queryTable(tid: 1, pk: skey("q"), range: KeyRange(lower: nkey("19")), forward: true, startAfter: nil) { out.append($0); return true }
                return out
            }
            #expect(rows.map { String(decoding: $0.item, as: UTF8.self) } == ["q19", "q20"])
            #expect(rows.allSatisfy { $0.size == 100 && $0.pk == skey("q") })
        }
    }

    @Test func beginsWithAsPrefixRange() throws {
        try withStore { store, _ throws in
            let keys = ["a", "ab", "abc", "abd", "ab\u{FF}", "ac", "b", "aa", "ab😀"]
            for k in keys { try store.put(pk: skey("p"), sk: skey(k)) }
            let prefix = skey("ab")
            let range = KeyRange(lower: prefix, upper: KeyCodec.prefixSuccessor(prefix), upperInclusive: false)
            let found = try store.sortKeys(pk: skey("p"), range: range).map { String(decoding: $0, as: UTF8.self) }
            #expect(found == ["ab", "abc", "abd", "ab\u{FF}", "ab😀"])
        }
    }

    func indexRow(_ ipk: String, _ isk: Int, _ pk: String, _ sk: Int) -> IndexRow {
        IndexRow(ipk: skey(ipk), isk: nkey(String(isk)), pk: skey(pk), sk: nkey(String(sk)), item: Array("\(pk)\(sk)".utf8), size: 5)
    }

    /// Index rows order by (index sort key, table key); several items may share an index key.
    @Test func indexQueries() throws {
        try withStore { store, _ throws in
            try store.writeAndWait { w in
                for (isk, pk, sk) in [(1, "b", 1), (1, "a", 2), (1, "a", 1), (2, "a", 3), (3, "c", 1), (3, "a", 9)] {
                    try w.putIndexRow(iid: 5, indexRow("g", isk, pk, sk))
                }
                try w.putIndexRow(iid: 5, indexRow("h", 1, "z", 1))
                try w.putIndexRow(iid: 6, indexRow("g", 1, "y", 1))
            }
            func query(_ range: KeyRange = .all, forward: Bool = true, after: (Int, String, Int)? = nil, limit: Int = .max) throws -> [String] {
                try store.read { r in
                    var out: [String] = []
                    try r.queryIndex(iid: 5, ipk: skey("g"), range: range, forward: forward,
                                     startAfter: after.map { (isk: nkey(String($0.0)), pk: skey($0.1), sk: nkey(String($0.2))) }) { row in
                        out.append(String(decoding: row.item, as: UTF8.self))
                        return out.count < limit
                    }
                    return out
                }
            }
            #expect(try query() == ["a1", "a2", "b1", "a3", "a9", "c1"])
            #expect(try query(forward: false) == ["c1", "a9", "a3", "b1", "a2", "a1"])
            #expect(try query(KeyRange(lower: nkey("2"))) == ["a3", "a9", "c1"])
            #expect(try query(KeyRange(lower: nkey("1"), lowerInclusive: false, upper: nkey("3"), upperInclusive: false)) == ["a3"])
            #expect(try query(KeyRange(upper: nkey("1"))) == ["a1", "a2", "b1"])
            // Resuming inside a group of equal index keys.
            #expect(try query(after: (1, "a", 2)) == ["b1", "a3", "a9", "c1"])
            #expect(try query(forward: false, after: (3, "a", 9)) == ["a3", "b1", "a2", "a1"])
            #expect(try query(KeyRange(upper: nkey("1")), after: (1, "a", 1)) == ["a2", "b1"])
            #expect(try query(limit: 2) == ["a1", "a2"])
            // Deleting one row of a shared key leaves the others.
            try store.writeAndWait { w in try w.deleteIndexRow(iid: 5, ipk: skey("g"), isk: nkey("1"), pk: skey("a"), sk: nkey("2")) }
            #expect(try query(KeyRange(upper: nkey("1"))) == ["a1", "b1"])
            #expect(try store.read { try $0.indexCounters(iid: 5) } == (6, 30))
        }
    }

    @Test func scanTablePagesCoverEverythingOnce() throws {
        try seeded { store throws in
            var all: [(pk: [UInt8], sk: [UInt8])] = []
            try store.read { r in try r.scanTable(tid: 1, startAfter: nil) { all.append(($0.pk, $0.sk)); return true } }
            #expect(all.count == 60)
            // Ordered by (pk, sk).
            for (a, b) in zip(all, all.dropFirst()) {
                #expect(byteOrder(a.pk, b.pk) < 0 || (a.pk == b.pk && byteOrder(a.sk, b.sk) < 0))
            }
            var paged: [(pk: [UInt8], sk: [UInt8])] = []
            var after: (pk: [UInt8], sk: [UInt8])?
            var pages = 0
            repeat {
                var page: [(pk: [UInt8], sk: [UInt8])] = []
                try store.read { r in
                    try r.scanTable(tid: 1, startAfter: after) { page.append(($0.pk, $0.sk)); return page.count < 7 }
                }
                paged += page
                after = page.count == 7 ? page.last : nil
                pages += 1
            } while after != nil
            #expect(pages == 9)
            #expect(paged.map { $0.pk + [0] + $0.sk } == all.map { $0.pk + [0] + $0.sk })
        }
    }

    @Test func scanIndexPages() throws {
        try withStore { store, _ throws in
            try store.writeAndWait { w in
                for i in 0..<25 { try w.putIndexRow(iid: 3, indexRow("g\(i % 4)", i % 3, "p\(i)", i)) }
                try w.putIndexRow(iid: 4, indexRow("x", 1, "x", 1))
            }
            var all: [String] = []
            try store.read { r in try r.scanIndex(iid: 3, startAfter: nil) { all.append(String(decoding: $0.item, as: UTF8.self)); return true } }
            #expect(all.count == 25)
            var paged: [String] = []
            var after: (ipk: [UInt8], isk: [UInt8], pk: [UInt8], sk: [UInt8])?
            repeat {
                var rows: [IndexRow] = []
                try store.read { r in try r.scanIndex(iid: 3, startAfter: after) { rows.append($0); return rows.count < 4 } }
                paged += rows.map { String(decoding: $0.item, as: UTF8.self) }
                after = rows.count == 4 ? rows.last.map { ($0.ipk, $0.isk, $0.pk, $0.sk) } : nil
            } while after != nil
            #expect(paged == all)
            #expect(Set(all).count == 25)
        }
    }
}
