import DynamoModel
import DynamoStorage
import Logging
import Synchronization
import WardenSupport

/// [global] The destination side of replication: a background pass that applies queued
/// changes to the other replicas, last writer wins. A change older than the item's version in
/// the destination (time on the simulated clock, then region) is dropped, so every replica
/// settles on the same item whatever order changes arrive in. The write is the service's own
/// (no caller's policy applies); it lands in the replica's history, so the replica's stream
/// and point-in-time recovery see it like any other change.
public final class Replicator: Sendable {
    static let interval: Double = 0.05
    static let batch = 500

    /// What was applied: the replica written, the item's key attributes, and whether the item
    /// was deleted — the audit trail records each as a call of the replication role.
    public struct Applied: Sendable {
        public var table: TableDefinition
        public var key: Item
        public var deleted: Bool
        public var sourceRegion: String
    }

    let service: DynamoService
    private let task = Mutex<PeriodicTask?>(nil)
    let logger: Logger
    let onApply: @Sendable ([Applied]) -> Void

    public init(service: DynamoService, logger: Logger = Logger(label: "warden.replication"),
                onApply: @escaping @Sendable ([Applied]) -> Void = { _ in }) {
        self.service = service
        self.logger = logger
        self.onApply = onApply
    }

    public func start() {
        let task = PeriodicTask(name: "warden-replication", interval: Replicator.interval, logger: logger) { [self] in
            _ = try drain()
        }
        self.task.withLock { $0 = task }
        task.start()
    }

    public func stop() { task.withLock { $0 }?.stop() }

    /// One pass over every due change, a batch per transaction; returns how many it took from
    /// the queue (changes held back for a replica that refuses the replication role stay
    /// queued, are not counted, and do not hold up the other replicas' changes behind them).
    @discardableResult
    public func drain() throws -> Int {
        // No global table: nothing can be queued (the queue's schema may not even exist).
        guard service.catalog.hasReplicatedTables else { return 0 }
        let now = service.clock.now()
        var after: Int64 = 0
        var held = Set<TableKey>()
        var total = 0
        while true {
            let rows = try service.store.read { try $0.dueReplications(now: now, afterSeq: after, limit: Replicator.batch) }
            guard let last = rows.last else { break }
            after = last.seq
            total += try take(rows, now: now, held: &held)
            if rows.count < Replicator.batch { break }
        }
        return total
    }

    /// Applies one batch in one transaction; replicas found refusing the role join `held`.
    private func take(_ rows: [ReplicationRow], now: Double, held: inout Set<TableKey>) throws -> Int {
        let catalog = service.catalog
        let blocked = service.blockedReplicas
        let alreadyHeld = held
        let (applied, taken, newlyHeld) = try service.store.writeAndWait { writer -> ([Applied], Int, Set<TableKey>) in
            var applied: [Applied] = []
            var taken = 0
            var held = alreadyHeld
            for row in rows {
                let key = TableKey(account: row.account, region: row.targetRegion, name: row.name)
                // A replica whose resource policy denies the replication role keeps its changes
                // waiting, in order (nothing after a held change goes first), until the policy
                // lets them through.
                if held.contains(key) { continue }
                if let target = catalog.get(key), ReplicationRole.denied(target, action: row.item == nil ? "dynamodb:DeleteItem" : "dynamodb:PutItem") {
                    blocked.set(key, blocked: true)
                    held.insert(key)
                    continue
                }
                blocked.set(key, blocked: false)
                try writer.deleteReplication(seq: row.seq)
                taken += 1
                if let done = try Replicator.apply(row, catalog: catalog, writer: writer, now: now) { applied.append(done) }
            }
            return (applied, taken, held)
        }
        held = newlyHeld
        if !applied.isEmpty { onApply(applied) }
        return taken
    }

    /// Applies one queued change to its destination replica, if it still is one and the
    /// change is not older than what the replica holds.
    static func apply(_ row: ReplicationRow, catalog: Catalog, writer: StorageWriter, now: Double) throws -> Applied? {
        guard let target = catalog.get(TableKey(account: row.account, region: row.targetRegion, name: row.name)),
              target.replicas?.contains(where: { $0.regionName == row.sourceRegion }) == true else { return nil }
        let incoming = ItemVersion(at: row.at, region: row.sourceRegion)
        if let current = try writer.reader.itemVersion(tid: target.storageId, pk: row.pk, sk: row.sk), !incoming.supersedes(current) {
            return nil
        }
        let key = EncodedKey(pk: row.pk, sk: row.sk)
        let old = try ItemWrite.load(target, key: key, writer: writer)
        let new = try row.item.map { try ItemWrite.decodeStored($0) }
        try ItemWrite.apply(target, key: key, old: old, new: new, writer: writer, now: now, origin: .replication)
        try writer.setItemVersion(tid: target.storageId, pk: row.pk, sk: row.sk, incoming)
        guard let changed = new ?? old else { return nil }
        return Applied(table: target, key: ItemKey.keyItem(changed, schema: target.keySchema), deleted: new == nil, sourceRegion: row.sourceRegion)
    }
}
