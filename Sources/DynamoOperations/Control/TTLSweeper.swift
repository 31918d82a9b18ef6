import DynamoModel
import DynamoStorage
import Logging
import Synchronization
import WardenSupport

/// Deletes items whose TTL attribute (epoch seconds) the simulated clock has passed, as
/// DynamoDB's background process does: a service deletion, recorded in item history with origin
/// `ttl`. Items expired more than five years ago are left alone, as AWS documents
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
/// Expired items not yet swept still read back.
public final class TTLSweeper: Sendable {
    static let interval: Double = 1
    static let batch = 500
    static let maxAge: Double = 5 * 365 * 86_400

    let service: DynamoService
    /// The background loop (one pass a second); its failures are logged, not dropped.
    private let task = Mutex<PeriodicTask?>(nil)
    let logger: Logger
    /// Told of every deletion after it commits (table, key) — the audit trail records them as
    /// AWSService events.
    let onDelete: @Sendable (TableDefinition, Item) -> Void

    public init(service: DynamoService, logger: Logger = Logger(label: "warden.ttl"),
                onDelete: @escaping @Sendable (TableDefinition, Item) -> Void = { _, _ in }) {
        self.service = service
        self.logger = logger
        self.onDelete = onDelete
    }

    public func start() {
        let task = PeriodicTask(name: "warden-ttl", interval: TTLSweeper.interval, logger: logger) { [self] in _ = try sweep() }
        self.task.withLock { $0 = task }
        task.start()
    }

    /// Stops sweeping; returns once a pass under way has finished.
    public func stop() { task.withLock { $0 }?.stop() }

    /// One pass; returns how many items it deleted.
    @discardableResult
    public func sweep() throws -> Int {
        let now = service.clock.now()
        let due = try service.store.read { try $0.expired(before: now, notBefore: now - TTLSweeper.maxAge, limit: TTLSweeper.batch) }
        guard !due.isEmpty else { return 0 }
        let tables = Dictionary(service.catalog.all().map { ($0.storageId, $0) }, uniquingKeysWith: { a, _ in a })
        let catalog = service.catalog
        let deletions = try service.store.writeAndWait { writer -> [(TableDefinition, Item)] in
            var deleted: [(TableDefinition, Item)] = []
            for (tid, pk, sk) in due {
                guard let table = tables[tid], let current = catalog.get(TableKey(account: table.account, region: table.region, name: table.name)),
                      current.storageId == tid else { continue }
                let key = EncodedKey(pk: pk, sk: sk)
                // The item may have changed since it was found: check its expiry again.
                guard let item = try ItemWrite.load(current, key: key, writer: writer),
                      let expires = ItemWrite.expiry(of: item, table: current), expires <= now else { continue }
                try ItemWrite.apply(current, key: key, old: item, new: nil, writer: writer, now: now, origin: .ttl)
                deleted.append((current, ItemKey.keyItem(item, schema: current.keySchema)))
            }
            return deleted
        }
        for (table, key) in deletions { onDelete(table, key) }
        return deletions.count
    }
}
