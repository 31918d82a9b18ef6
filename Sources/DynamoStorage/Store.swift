import Dispatch
import FoundationEssentials
import Synchronization

/// The database: one file in WAL mode, one writer thread that owns the only write
/// connection, and a pool of read connections. Reads run synchronously on the caller's
/// thread (point reads cost microseconds); writes are queued to the writer, which commits
/// everything queued in one transaction (group commit) and then completes each write.
public final class Store: Sendable {
    public let path: String
    private let readers: ReaderPool
    private let writer: WriterThread
    /// Encryption at rest of item payloads (installed by the server; none in unit tests).
    public let sealing = PayloadSealing()

    /// Opens (creating if needed) the database at `path` and starts the writer.
    public init(path: String) throws {
        self.path = path
        let writeConnection = try SQLiteConnection(path: path, readOnly: false)
        try writeConnection.execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = OFF;
            PRAGMA temp_store = MEMORY;
            """)
        try Migrations.migrate(writeConnection)
        readers = ReaderPool(path: path)
        writer = WriterThread(connection: writeConnection, sealing: sealing)
        writer.start()
    }

    /// Applies a module's own numbered migrations (its schema version is kept in
    /// `warden_meta` under `schema.<module>`), so that modules own their tables.
    public func migrate(module: String, _ migrations: [String]) throws {
        try writeAndWait(exclusive: true) { writer in
            let key = "schema.\(module)"
            let version = try writer.reader.meta(key).flatMap(Int.init) ?? 0
            guard version < migrations.count else { return }
            for index in version..<migrations.count { try writer.execute(migrations[index]) }
            try writer.setMeta(key, String(migrations.count))
        }
    }

    /// Runs `body` with a read connection checked out of the pool for the duration.
    public func read<T>(_ body: (StorageReader) throws -> T) throws -> T {
        let lease = try readers.checkOut()
        defer { readers.checkIn(lease) }
        return try body(StorageReader(db: lease.connection, sealing: sealing))
    }

    /// Queues a write. `body` runs on the writer thread inside the group transaction, within
    /// its own savepoint (a throw undoes just this write); `completion` runs on the writer
    /// thread after the commit, with `body`'s result or error.
    /// `exclusive` writes (table creation, deletion, schema changes) commit alone.
    public func write<T>(exclusive: Bool = false, _ body: @escaping (StorageWriter) throws -> T,
                         completion: @escaping (Result<T, Error>) -> Void) {
        writer.enqueue(exclusive: exclusive, body, completion: completion)
    }

    /// Queues a write and waits for it (start-up, maintenance, tests — not the request path).
    public func writeAndWait<T>(exclusive: Bool = false, _ body: @escaping (StorageWriter) throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        write(exclusive: exclusive, body) { result in
            box.result = result
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Finishes queued writes, then stops the writer and closes connections.
    public func close() {
        writer.stop()
        readers.drain()
    }
}

/// Carries a result from the writer thread to a waiting caller.
/// @unchecked Sendable: written once by the writer before the semaphore is signalled, read
/// once by the waiter after it; the semaphore orders the two.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// A checked-out read connection.
/// @unchecked Sendable: a connection is used by one thread at a time — whoever holds the
/// lease — and returned to the pool under its mutex.
struct ReaderLease: @unchecked Sendable {
    let connection: SQLiteConnection
}

/// Read connections, opened on demand (one per concurrently reading thread) and reused.
final class ReaderPool: Sendable {
    private let path: String
    private let idle = Mutex<[ReaderLease]>([])

    /// The most of the database file a read connection maps. Mapped pages count in the
    /// process's RSS (as file pages, reclaimable by the kernel), so the map is capped: a
    /// database up to 64 MiB is read without syscalls, pages beyond go through read(2).
    static let mapSize = 64 << 20

    init(path: String) { self.path = path }

    func checkOut() throws -> ReaderLease {
        if let lease = idle.withLock({ $0.popLast() }) { return lease }
        let connection = try SQLiteConnection(path: path, readOnly: true)
        // Reads map the database file instead of copying pages through read(2): a point read
        // misses the connection's 2 MB page cache on any table larger than that, and each
        // miss was a pread64 syscall and a kernel copy (8 per GetItem on 10,000 items, strace).
        // Mapped pages are the kernel's page cache, shared by every reader, not heap.
        // https://www.sqlite.org/mmap.html
        try? connection.execute("PRAGMA mmap_size = \(ReaderPool.mapSize)")
        return ReaderLease(connection: connection)
    }

    func checkIn(_ lease: ReaderLease) {
        idle.withLock { $0.append(lease) }
    }

    func drain() {
        idle.withLock { $0.removeAll() }
    }
}
