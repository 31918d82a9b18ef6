import DynamoModel
import DynamoStorage
import Foundation
import Synchronization

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
    private let running = Mutex(false)
    /// Told of every deletion after it commits (table, key) — the audit trail records them as
    /// AWSService events.
    let onDelete: @Sendable (TableDefinition, Item) -> Void

    public init(service: DynamoService, onDelete: @escaping @Sendable (TableDefinition, Item) -> Void = { _, _ in }) {
        self.service = service
        self.onDelete = onDelete
    }

    public func start() {
        running.withLock { $0 = true }
        let thread = Thread { [self] in
            while running.withLock({ $0 }) {
                Thread.sleep(forTimeInterval: TTLSweeper.interval)
                _ = try? sweep()
            }
        }
        thread.name = "warden-ttl"
        thread.start()
    }

    public func stop() { running.withLock { $0 = false } }

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
