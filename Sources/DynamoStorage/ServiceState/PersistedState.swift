import Synchronization
import WardenSupport

/// State a service changes in memory and writes through: it carries the statements the
/// change under way must persist.
public protocol StagedChanges {
    /// Statements the current change must persist (queued when the change ends).
    var sql: [BoundStatement] { get set }
}

/// A service's working set (KMS keys, backup plans, scalable targets) in memory behind one
/// lock, kept in the server's database. `transact` runs a change under the lock and queues
/// its SQL on the store's writer before the lock is released, so changes reach the database
/// in the order they were made; the response waits for the `PendingWrite` it returns.
public final class PersistedState<State: StagedChanges & Sendable>: Sendable {
    private let mutex: Mutex<State>
    /// Where changes are written; nil: in memory only (unit tests).
    private let store: Store?
    /// Whether a change that fails still persists what it did on the way (KMS: a key whose
    /// waiting period ended is deleted whatever the request).
    private let persistsFailedChanges: Bool

    public init(_ initial: State, store: Store?, persistsFailedChanges: Bool = false) {
        mutex = Mutex(initial)
        self.store = store
        self.persistsFailedChanges = persistsFailedChanges
    }

    /// Runs `body` on the state under the lock; returns its result and the write that makes
    /// its change durable.
    public func transact<T, Failure: Error>(_ body: (inout State) throws(Failure) -> T) throws(Failure) -> (T, PendingWrite) {
        let result: Result<(T, PendingWrite), Failure> = mutex.withLock { s in
            s.sql = []
            do throws(Failure) {
                let value = try body(&s)
                let write = enqueue(s.sql)
                s.sql = []
                return .success((value, write))
            } catch {
                if persistsFailedChanges { _ = enqueue(s.sql) }
                s.sql = []
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads the state under the lock.
    public func read<T, Failure: Error>(_ body: (State) throws(Failure) -> T) throws(Failure) -> T {
        let result: Result<T, Failure> = mutex.withLock { s in
            do throws(Failure) { return .success(try body(s)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Runs `body` on the state under the lock, outside any change (nothing is persisted).
    public func withLock<T>(_ body: (inout State) -> T) -> T {
        mutex.withLock { s in body(&s) }
    }

    /// Queues statements on the writer (called with the lock held).
    private func enqueue(_ sql: [BoundStatement]) -> PendingWrite {
        guard let store, !sql.isEmpty else { return .nothing() }
        let write = PendingWrite()
        store.write({ writer in try writer.run(sql) }, completion: { write.finish($0) })
        return write
    }
}
