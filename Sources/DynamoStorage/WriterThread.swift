import WardenSupport

/// The single writer: a dedicated thread that owns the write connection. It takes every
/// queued write into one transaction (group commit), runs each in its own savepoint, commits
/// once, then completes them all — so durable writes are not limited to one fsync each.
/// @unchecked Sendable: the connection is touched only by the writer thread; the queue and
/// flags only under `condition`'s lock.
final class WriterThread: @unchecked Sendable {
    private struct Job {
        let exclusive: Bool
        /// Runs inside the transaction; returns what to call once the commit's outcome is known.
        let run: (StorageWriter) -> (_ commitError: Error?) -> Void
        /// Answers a job that never ran (the transaction could not begin).
        let fail: (Error) -> Void
    }

    private let connection: SQLiteConnection
    private let condition = ConditionLock()
    private var queue: [Job] = []
    private var stopping = false
    private var finished = false

    let sealing: PayloadSealing

    init(connection: SQLiteConnection, sealing: PayloadSealing) {
        self.connection = connection
        self.sealing = sealing
    }

    func start() {
        Threads.start(name: "warden-writer", stackSize: 8 << 20) { [self] in loop() }
    }

    func enqueue<T>(exclusive: Bool, _ body: @escaping (StorageWriter) throws -> T, completion: @escaping (Result<T, Error>) -> Void) {
        let job = Job(exclusive: exclusive, run: { writer in
            let result: Result<T, Error>
            do {
                try writer.db.execute("SAVEPOINT w")
                do {
                    result = .success(try body(writer))
                    try writer.db.execute("RELEASE w")
                } catch {
                    try? writer.db.execute("ROLLBACK TO w")
                    try? writer.db.execute("RELEASE w")
                    throw error
                }
            } catch {
                return { _ in completion(.failure(error)) }
            }
            return { commitError in
                if let commitError { completion(.failure(commitError)) } else { completion(result) }
            }
        }, fail: { error in completion(.failure(error)) })
        condition.lock()
        let accepted = !stopping
        if accepted { queue.append(job) }
        condition.signal()
        condition.unlock()
        if !accepted { completion(.failure(SQLiteError(code: 21, message: "store is closed", sql: nil))) }
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func nextBatch() -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !stopping { condition.wait() }
        if queue.isEmpty { return nil }
        // An exclusive job runs alone; otherwise take everything up to the next exclusive one.
        if queue[0].exclusive { return [queue.removeFirst()] }
        let end = queue.firstIndex(where: { $0.exclusive }) ?? queue.count
        let batch = Array(queue[..<end])
        queue.removeFirst(end)
        return batch
    }

    private func loop() {
        let writer = StorageWriter(db: connection, sealing: sealing)
        while let batch = nextBatch() {
            var completions: [(Error?) -> Void] = []
            completions.reserveCapacity(batch.count)
            var commitError: Error?
            do {
                try connection.execute("BEGIN IMMEDIATE")
            } catch {
                for job in batch { job.fail(error) }
                continue
            }
            for job in batch { completions.append(job.run(writer)) }
            do {
                try connection.execute("COMMIT")
            } catch {
                commitError = error
                try? connection.execute("ROLLBACK")
            }
            for complete in completions { complete(commitError) }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
