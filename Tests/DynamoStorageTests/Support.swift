import DynamoModel
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import DynamoStorage

/// A fresh database path in a private temporary folder.
func temporaryDatabasePath() -> String {
    makeScratchFolder("storage-tests") + "/test.sqlite"
}

func removeDatabase(_ path: String) {
    removeScratchFolder((path as NSString).deletingLastPathComponent)
}

/// Runs `body` with a store on a fresh database, then closes and removes it.
func withStore<T>(_ body: (Store, String) throws -> T) throws -> T {
    let path = temporaryDatabasePath()
    defer { removeDatabase(path) }
    let store = try Store(path: path)
    defer { store.close() }
    return try body(store, path)
}

func number(_ text: String) -> DynamoNumber {
    try! DynamoNumber.parse(text).get()
}

func nkey(_ text: String) -> [UInt8] { KeyCodec.encode(.n(number(text))) }
func skey(_ text: String) -> [UInt8] { KeyCodec.encode(.s(text)) }

/// memcmp order, as SQLite compares BLOBs: bytes, then length.
func byteOrder(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a == b { return 0 }
    return a.lexicographicallyPrecedes(b) ? -1 : 1
}

extension Store {
    /// Puts an item row whose JSON is just a marker, for storage-level tests.
    func put(tid: Int64 = 1, pk: [UInt8], sk: [UInt8] = [], item: String = "{}", size: Int = 10, expires: Double? = nil) throws {
        try writeAndWait { w in
            try w.putItem(tid: tid, pk: pk, sk: sk, item: Array(item.utf8), size: size, expires: expires)
        }
    }

    /// The sort keys a query visits, in order.
    func sortKeys(tid: Int64 = 1, pk: [UInt8], range: KeyRange = .all, forward: Bool = true, startAfter: [UInt8]? = nil,
                  limit: Int = .max) throws -> [[UInt8]] {
        try read { r in
            var out: [[UInt8]] = []
            try r.queryTable(tid: tid, pk: pk, range: range, forward: forward, startAfter: startAfter) { row in
                out.append(row.sk)
                return out.count < limit
            }
            return out
        }
    }

    func itemCount(tid: Int64 = 1) throws -> Int {
        try read { r in
            var n = 0
            try r.scanTable(tid: tid, startAfter: nil) { _ in n += 1; return true }
            return n
        }
    }
}

/// A thread-safe log of events, for ordering assertions.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])
    func append(_ e: String) { events.withLock { $0.append(e) } }
    var all: [String] { events.withLock { $0 } }
}

/// Something tests throw from a write body.
struct TestFailure: Error, Equatable {
    var tag: String
}
