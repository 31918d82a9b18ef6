import DynamoModel
import DynamoStorage
import Synchronization
import WardenSupport

/// Every vault, plan, selection and job of the server, in memory (the working set is small),
/// kept in the database's `backup_objects` table. Operations change it inside `transact`,
/// which queues the SQL of the change before the lock is released.
public final class BackupStore: Sendable {
    struct State: StagedChanges {
        var vaults: [String: BackupVault] = [:]  // by vault ARN
        var plans: [String: BackupPlan] = [:]  // by plan id
        var selections: [String: BackupSelection] = [:]  // by selection id
        var jobs: [String: BackupJob] = [:]  // by job id
        var sql: [BoundStatement] = []
    }

    static let table = ObjectTable(module: "backup", name: "backup_objects")

    let state: PersistedState<State>
    public let clock: WardenClock

    public init(store: Store, clock: WardenClock) throws {
        state = try PersistedState(State(), loading: Self.table, from: store) { s, row in
            switch row.kind {
            case "vault": if let v = row.decode(BackupVault.self) { s.vaults[v.arn] = v }
            case "plan": if let p = row.decode(BackupPlan.self) { s.plans[p.id] = p }
            case "selection": if let x = row.decode(BackupSelection.self) { s.selections[x.id] = x }
            case "job": if let j = row.decode(BackupJob.self) { s.jobs[j.id] = j }
            default: break
            }
        }
        self.clock = clock
    }

    /// A store in memory only (unit tests).
    public init(clock: WardenClock) {
        state = PersistedState(State(), store: nil)
        self.clock = clock
    }

    /// Runs `body` on the state under the lock; returns its result and the write that makes
    /// its change durable.
    func transact<T>(_ body: (inout State) throws(BackupError) -> T) throws(BackupError) -> (T, PendingWrite) { try state.transact(body) }

    /// Reads the state under the lock.
    func read<T>(_ body: (State) throws(BackupError) -> T) throws(BackupError) -> T { try state.read(body) }

    // MARK: what `warden audit` and tests ask

    /// Whether a live (not deleted) plan's selection covers the table (DynamoDB.4's question).
    public func isProtected(_ table: BackupTable) -> Bool {
        state.withLock { s in
            s.selections.values.contains { sel in
                s.plans[sel.planId].map { $0.deletionDate == nil } == true && sel.covers(table)
            }
        }
    }
}

extension BackupStore.State {
    mutating func save(_ v: BackupVault) { vaults[v.arn] = v; sql.append(BackupStore.table.save("vault", v.arn, v)) }
    mutating func save(_ p: BackupPlan) { plans[p.id] = p; sql.append(BackupStore.table.save("plan", p.id, p)) }
    mutating func save(_ x: BackupSelection) { selections[x.id] = x; sql.append(BackupStore.table.save("selection", x.id, x)) }
    mutating func save(_ j: BackupJob) { jobs[j.id] = j; sql.append(BackupStore.table.save("job", j.id, j)) }

    mutating func removeVault(_ arn: String) { vaults[arn] = nil; sql.append(BackupStore.table.delete("vault", arn)) }
    mutating func removeSelection(_ id: String) { selections[id] = nil; sql.append(BackupStore.table.delete("selection", id)) }

    /// The vault, or AWS Backup's answer for a vault that does not exist.
    func vault(_ arn: String) throws(BackupError) -> BackupVault {
        guard let v = vaults[arn] else { throw BackupError.vaultNotFound }
        return v
    }

    /// The caller's plan with this id (deleted plans too when `deleted`).
    func plan(_ id: String, _ caller: BackupCaller, deleted: Bool = false) throws(BackupError) -> BackupPlan {
        guard let p = plans[id], p.account == caller.account, p.region == caller.region, deleted || p.deletionDate == nil else {
            throw BackupError.planNotFound
        }
        return p
    }

    /// Completed jobs in a vault (its recovery points), oldest first.
    func recoveryPoints(in vaultArn: String) -> [BackupJob] {
        jobs.values.filter { $0.vaultArn == vaultArn && $0.state == "COMPLETED" }.sorted { $0.sequence < $1.sequence }
    }
}
