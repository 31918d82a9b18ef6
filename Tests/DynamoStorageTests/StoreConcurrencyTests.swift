import DynamoModel
import Foundation
import Testing
@testable import DynamoStorage

struct StoreConcurrencyTests {
    /// Holds the writer busy (inside an exclusive write) until released, so that the writes
    /// queued meanwhile are taken as one batch.
    final class WriterGate: @unchecked Sendable {
        // @unchecked Sendable: semaphores are thread-safe.
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)

        func block(_ store: Store) {
            store.write(exclusive: true, { _ in
                self.entered.signal()
                self.release.wait()
            }, completion: { _ in self.done.signal() })
            entered.wait()
        }
    }

    @Test func manyConcurrentWritesAllCommit() throws {
        try withStore { store, _ throws in
            let group = DispatchGroup()
            let failures = EventLog()
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for i in 0..<50 {
                    group.enter()
                    store.write({ w in
                        try w.putItem(tid: 1, pk: skey("t\(thread)"), sk: nkey(String(i)), item: [], size: 1, expires: nil)
                        try w.adjustCounters(storageId: 1, itemDelta: 1, sizeDelta: 1)
                    }, completion: { result in
                        if case .failure(let e) = result { failures.append("\(e)") }
                        group.leave()
                    })
                }
            }
            group.wait()
            #expect(failures.all.isEmpty)
            #expect(try store.itemCount() == 400)
            for thread in 0..<8 { #expect(try store.sortKeys(pk: skey("t\(thread)")).count == 50) }
        }
    }

    /// Group commit: every body of a batch runs in one transaction before any completion.
    @Test func queuedWritesCommitAsOneBatch() throws {
        try withStore { store, _ throws in
            let gate = WriterGate()
            gate.block(store)
            let log = EventLog()
            let group = DispatchGroup()
            for i in 0..<5 {
                group.enter()
                store.write({ _ in log.append("body\(i)") }, completion: { _ in log.append("done\(i)"); group.leave() })
            }
            gate.release.signal()
            group.wait()
            #expect(log.all == ["body0", "body1", "body2", "body3", "body4", "done0", "done1", "done2", "done3", "done4"])
        }
    }

    /// A failing write inside a batch rolls back only its own changes.
    @Test func failingWriteRollsBackOnlyItself() throws {
        try withStore { store, _ throws in
            let gate = WriterGate()
            gate.block(store)
            let results = EventLog()
            let group = DispatchGroup()
            for i in 0..<6 {
                group.enter()
                store.write({ w -> Int in
                    try w.putItem(tid: 1, pk: skey("k\(i)"), sk: [], item: [], size: 1, expires: nil)
                    try w.adjustCounters(storageId: 1, itemDelta: 1, sizeDelta: 0)
                    if i == 2 { throw TestFailure(tag: "two") }
                    if i == 4 {
                        // A constraint violation from SQLite itself.
                        try w.insertTable(TableRecord(storageId: 7, account: "a", region: "r", name: "dup", definition: [], itemCount: 0, sizeBytes: 0))
                        try w.insertTable(TableRecord(storageId: 8, account: "a", region: "r", name: "dup", definition: [], itemCount: 0, sizeBytes: 0))
                    }
                    return i
                }, completion: { result in
                    switch result {
                    case .success(let v): results.append("ok\(v)")
                    case .failure(let e as TestFailure): results.append("failed:\(e.tag)")
                    case .failure(let e as SQLiteError): results.append("sqlite:\(e.isConstraint)")
                    case .failure: results.append("other")
                    }
                    group.leave()
                })
            }
            gate.release.signal()
            group.wait()
            #expect(results.all == ["ok0", "ok1", "failed:two", "ok3", "sqlite:true", "ok5"])
            let present = try (0..<6).filter { i in try store.read { try $0.item(tid: 1, pk: skey("k\(i)"), sk: []) } != nil }
            #expect(present == [0, 1, 3, 5])
            #expect(try store.read { try $0.tables() }.isEmpty)
        }
    }

    /// Exclusive writes commit alone, between the batches before and after them.
    @Test func exclusiveWritesRunAlone() throws {
        try withStore { store, _ throws in
            let gate = WriterGate()
            gate.block(store)
            let log = EventLog()
            let group = DispatchGroup()
            for (name, exclusive) in [("a", false), ("b", false), ("X", true), ("c", false), ("d", false), ("Y", true), ("Z", true)] {
                group.enter()
                store.write(exclusive: exclusive, { _ in log.append(name) }, completion: { _ in log.append(name + "!"); group.leave() })
            }
            gate.release.signal()
            group.wait()
            #expect(log.all == ["a", "b", "a!", "b!", "X", "X!", "c", "d", "c!", "d!", "Y", "Y!", "Z", "Z!"])
        }
    }

    /// Reads run while the writer holds a transaction open (WAL).
    @Test func readsDoNotWaitForTheWriter() throws {
        try withStore { store, _ throws in
            try store.put(pk: skey("a"))
            let gate = WriterGate()
            gate.block(store)
            #expect(try store.itemCount() == 1)
            gate.release.signal()
            gate.done.wait()
        }
    }

    @Test func concurrentReadersAndWriters() throws {
        try withStore { store, _ throws in
            let errors = EventLog()
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                do {
                    if worker < 4 {
                        for i in 0..<50 { try store.put(pk: skey("w\(worker)"), sk: nkey(String(i))) }
                    } else {
                        var last = 0
                        for _ in 0..<50 {
                            let n = try store.itemCount()
                            // Counts only grow: no reader goes back to an older snapshot.
                            if n < last { errors.append("count went from \(last) to \(n)") }
                            last = n
                        }
                    }
                } catch {
                    errors.append("\(error)")
                }
            }
            #expect(errors.all.isEmpty)
            #expect(try store.itemCount() == 200)
        }
    }
}
