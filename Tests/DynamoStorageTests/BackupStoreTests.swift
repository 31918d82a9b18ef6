import Foundation
import TestSupport
import Testing
@testable import DynamoStorage

/// A private database for one test.
final class PITRStoreFixture {
    let directory: String
    let store: Store

    init() throws {
        directory = makeScratchFolder("pitr-store")
        store = try Store(path: directory + "/warden.sqlite")
        try BackupStorage.migrate(store)
    }

    deinit {
        store.close()
        removeScratchFolder(directory)
    }

    func table(_ id: Int64) throws {
        try store.writeAndWait { w in
            try w.insertTable(TableRecord(storageId: id, account: "1", region: "r", name: "t\(id)", definition: [], itemCount: 0, sizeBytes: 0))
        }
    }

    func put(_ tid: Int64, _ key: UInt8, _ value: String, at: Double) throws {
        try store.writeAndWait { w in
            let old = try w.reader.item(tid: tid, pk: [key], sk: [])
            let new = Array(value.utf8)
            try w.putItem(tid: tid, pk: [key], sk: [], item: new, size: new.count, expires: nil)
            try w.appendHistory(tid: tid, pk: [key], sk: [], at: at, oldItem: old, newItem: new, origin: "user")
        }
    }

    func items(_ tid: Int64) throws -> [String] {
        try store.read { r in
            var out: [String] = []
            try r.scanTable(tid: tid, startAfter: nil) { row in
                out.append(String(decoding: row.item, as: UTF8.self))
                return true
            }
            return out
        }
    }
}

@Suite struct BackupStoreTests {
    @Test func migrationIsIdempotent() throws {
        let f = try PITRStoreFixture()
        try BackupStorage.migrate(f.store)
        #expect(try f.store.read { try $0.meta("schema.pitr") } == "1")
    }

    @Test func backupsSnapshotItemsAndRestoreThem() throws {
        let f = try PITRStoreFixture()
        try f.table(1)
        try f.table(2)
        try f.put(1, 1, "one", at: 10)
        try f.put(1, 2, "two", at: 11)
        let bid = try f.store.writeAndWait { w in
            try w.insertBackup(BackupRecord(arn: "arn:b", account: "1", region: "r", tableName: "t1", name: "b", type: "USER",
                                            createdAt: 12, expiresAt: nil, definition: [1], itemCount: 2, sizeBytes: 6), copyingItemsOf: 1)
        }
        try f.put(1, 1, "uno", at: 13)
        try f.store.writeAndWait { w in
            try w.loadBackupItems(bid: bid, into: 2)
            try w.recomputeCounters(storageId: 2)
        }
        #expect(try f.items(2) == ["one", "two"])
        #expect(try f.store.read { try $0.counters(storageId: 2) } == (2, 6))
        #expect(try f.store.read { try $0.backup(arn: "arn:b") }?.itemCount == 2)
        try f.store.writeAndWait { w in try w.deleteBackup(id: bid) }
        #expect(try f.store.read { try $0.backup(arn: "arn:b") } == nil)
        var left = 0
        try f.store.read { r in try r.backupItems(bid: bid) { _ in left += 1; return true } }
        #expect(left == 0)
    }

    @Test func streamRegistry() throws {
        let f = try PITRStoreFixture()
        try f.store.writeAndWait { w in
            try w.insertStream(StreamRow(arn: "arn:s", account: "1", region: "r", tableName: "t", tid: 7, label: "l", viewType: "KEYS_ONLY",
                                         keySchema: [1], startSeq: 3, createdAt: 5))
            try w.closeStreams(tid: 7, endSeq: 9, at: 6)
            try w.setTrimmedSeq(arn: "arn:s", 4)
            try w.setTrimmedSeq(arn: "arn:s", 2)
        }
        let row = try f.store.read { try $0.stream(arn: "arn:s") }
        #expect(row?.endSeq == 9 && row?.disabledAt == 6 && row?.trimmedSeq == 4 && row?.isEnabled == false)
        #expect(try f.store.read { try $0.streams(account: "1", region: "r") }.map(\.arn) == ["arn:s"])
    }
}

@Suite struct HistoryQueriesTests {
    /// The bisection agrees with a scan of every row: rows of two tables interleaved, times
    /// rising (with repeats), every cut-off and starting point.
    @Test func lastSeqBeforeATimeMatchesAFullScan() throws {
        let f = try PITRStoreFixture()
        try f.table(1)
        try f.table(2)
        var rows: [(seq: Int64, at: Double)] = []
        var seq: Int64 = 0
        for i in 0..<120 {
            seq += 1
            try f.put(1, UInt8(i % 7), "v\(i)", at: Double(i / 3))
            rows.append((seq, Double(i / 3)))
            if i % 4 == 0 { seq += 1; try f.put(2, UInt8(i), "o", at: Double(i / 3)) }
        }
        for before in stride(from: -1.0, through: 41, by: 1.5) {
            for after in [Int64(0), 1, 17, 80, seq] {
                let expected = rows.filter { $0.seq > after && $0.at < before }.map(\.seq).max()
                #expect(try f.store.read { try $0.lastHistorySeq(tid: 1, afterSeq: after, throughSeq: nil, before: before) } == expected,
                        "before \(before) after \(after)")
            }
        }
        #expect(try f.store.read { try $0.lastHistorySeq(tid: 1, afterSeq: 0, throughSeq: 50, before: 100) } == rows.filter { $0.seq <= 50 }.last?.seq)
    }

    @Test func changesSinceATimeComeNewestFirst() throws {
        let f = try PITRStoreFixture()
        try f.table(1)
        try f.put(1, 1, "a", at: 10)
        try f.put(1, 1, "b", at: 20)
        try f.put(1, 2, "c", at: 30)
        var seen: [String] = []
        try f.store.read { r in
            try r.changes(tid: 1, since: 20) { row in
                seen.append(String(decoding: row.newItem ?? [], as: UTF8.self))
                return true
            }
        }
        #expect(seen == ["c", "b"])
        #expect(try f.store.read { try $0.lastHistorySeq(tid: 1, afterSeq: 0, throughSeq: nil, before: 25) } == 2)
        #expect(try f.store.read { try $0.lastHistorySeq(tid: 1, afterSeq: 2, throughSeq: nil, before: 25) } == nil)
        var ranged: [Int64] = []
        try f.store.read { r in try r.history(tid: 1, afterSeq: 1, throughSeq: 2, limit: 10) { ranged.append($0.seq); return true } }
        #expect(ranged == [2])
        #expect(try f.store.writeAndWait { try $0.pruneHistory(tid: 1, before: 25) } == 2)
        #expect(try f.store.read { try $0.historyTableIds() } == [1])
    }
}
