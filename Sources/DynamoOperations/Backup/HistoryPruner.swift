import DynamoModel
import DynamoStorage
import Logging
import Synchronization
import WardenSupport

/// Keeps item history bounded (simulated time): a table with point-in-time recovery keeps what
/// its recovery window needs, a table with a stream (open, or closed less than 24 hours ago)
/// keeps 24 hours for the stream, and other history — including deleted tables' — goes.
/// Streams closed more than 24 hours ago and expired system backups are removed too.
public final class HistoryPruner: Sendable {
    static let interval: Double = 30

    let service: DynamoService
    let logger: Logger
    /// The background loop (one pass every 30 seconds); its failures are logged, not dropped.
    private let task = Mutex<PeriodicTask?>(nil)

    public init(service: DynamoService, logger: Logger = Logger(label: "warden.pitr")) {
        self.service = service
        self.logger = logger
    }

    public func start() {
        let task = PeriodicTask(name: "warden-pitr-pruner", interval: HistoryPruner.interval, logger: logger) { [self] in _ = try prune() }
        self.task.withLock { $0 = task }
        task.start()
    }

    /// Stops pruning; returns once a pass under way has finished.
    public func stop() { task.withLock { $0 }?.stop() }

    /// How far back each table's history must reach at `now` (nil: nothing is needed).
    static func cutoffs(tables: [TableDefinition], streams: [StreamRow], historyTids: [Int64], now: Double) -> [Int64: Double] {
        var needed: [Int64: Double] = [:]
        for table in tables {
            if let pitr = table.pitr, pitr.enabled {
                // A restore to second S undoes the changes from S on; S ≥ the earliest second.
                needed[table.storageId] = PITRWindow(pitr, now: now).earliest
            }
        }
        for stream in streams where StreamLifecycle.isLive(stream, now: now) {
            needed[stream.tid] = min(needed[stream.tid] ?? .infinity, now - StreamPosition.retention)
        }
        var cutoffs: [Int64: Double] = [:]
        for tid in historyTids { cutoffs[tid] = min(needed[tid] ?? now, now) }
        return cutoffs
    }

    /// One pass; returns how many history rows it deleted.
    @discardableResult
    public func prune() throws -> Int {
        let now = service.clock.now()
        let tables = service.catalog.all()
        let (streams, tids, expired) = try service.store.read { reader in
            (try reader.allStreams(), try reader.historyTableIds(), try reader.expiredBackups(now: now))
        }
        let cutoffs = HistoryPruner.cutoffs(tables: tables, streams: streams, historyTids: tids, now: now)
        return try service.store.writeAndWait { writer -> Int in
            var deleted = 0
            for stream in streams where !StreamLifecycle.isLive(stream, now: now) {
                try writer.deleteStream(arn: stream.arn)
            }
            for (tid, cutoff) in cutoffs {
                for stream in streams where stream.tid == tid && StreamLifecycle.isLive(stream, now: now) {
                    if let last = try writer.reader.lastHistorySeq(tid: tid, afterSeq: stream.startSeq, throughSeq: stream.endSeq, before: cutoff) {
                        try writer.setTrimmedSeq(arn: stream.arn, last)
                    }
                }
                deleted += try writer.pruneHistory(tid: tid, before: cutoff)
            }
            for backup in expired { try writer.deleteBackup(id: backup.id) }
            return deleted
        }
    }
}
