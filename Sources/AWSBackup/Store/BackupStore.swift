import DynamoModel
import DynamoStorage
import FoundationEssentials
import Synchronization
import WardenSupport

/// Every vault, plan, selection and job of the server, in memory (the working set is small),
/// kept in the database through `BackupPersistence`. Operations change it inside `transact`,
/// which queues the SQL of the change before the lock is released.
public final class BackupStore: Sendable {
    struct State {
        var vaults: [String: BackupVault] = [:]  // by vault ARN
        var plans: [String: BackupPlan] = [:]  // by plan id
        var selections: [String: BackupSelection] = [:]  // by selection id
        var jobs: [String: BackupJob] = [:]  // by job id
        var sql: [BoundStatement] = []
    }

    let state = Mutex(State())
    let persistence: BackupPersistence?
    public let clock: WardenClock

    public init(store: Store, clock: WardenClock) throws {
        let persistence = try BackupPersistence(store: store)
        self.persistence = persistence
        self.clock = clock
        let decoder = JSONDecoder()
        let rows = try persistence.load()
        state.withLock { s in
            for (kind, body) in rows {
                let data = Data(body)
                switch kind {
                case "vault": if let v = try? decoder.decode(BackupVault.self, from: data) { s.vaults[v.arn] = v }
                case "plan": if let p = try? decoder.decode(BackupPlan.self, from: data) { s.plans[p.id] = p }
                case "selection": if let x = try? decoder.decode(BackupSelection.self, from: data) { s.selections[x.id] = x }
                case "job": if let j = try? decoder.decode(BackupJob.self, from: data) { s.jobs[j.id] = j }
                default: break
                }
            }
        }
    }

    /// A store in memory only (unit tests).
    public init(clock: WardenClock) {
        persistence = nil
        self.clock = clock
    }

    /// Runs `body` on the state under the lock; returns its result and the write that makes
    /// its change durable.
    func transact<T>(_ body: (inout State) throws(BackupError) -> T) throws(BackupError) -> (T, PendingWrite) {
        let result: Result<(T, PendingWrite), BackupError> = state.withLock { s in
            s.sql = []
            do {
                let value = try body(&s)
                let write = enqueue(s.sql)
                s.sql = []
                return .success((value, write))
            } catch let error as BackupError {
                s.sql = []
                return .failure(error)
            } catch {
                return .failure(.internalFailure("\(error)"))
            }
        }
        return try result.get()
    }

    /// Reads the state under the lock.
    func read<T>(_ body: (State) throws(BackupError) -> T) throws(BackupError) -> T {
        let result: Result<T, BackupError> = state.withLock { s in
            do { return .success(try body(s)) } catch let e as BackupError { return .failure(e) } catch { return .failure(.internalFailure("\(error)")) }
        }
        return try result.get()
    }

    private func enqueue(_ sql: [BoundStatement]) -> PendingWrite {
        guard let persistence, !sql.isEmpty else { return .nothing() }
        let write = PendingWrite()
        persistence.write(sql) { write.finish($0) }
        return write
    }

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
    mutating func save(_ v: BackupVault) { vaults[v.arn] = v; sql.append(BackupPersistence.saveSQL("vault", v.arn, v)) }
    mutating func save(_ p: BackupPlan) { plans[p.id] = p; sql.append(BackupPersistence.saveSQL("plan", p.id, p)) }
    mutating func save(_ x: BackupSelection) { selections[x.id] = x; sql.append(BackupPersistence.saveSQL("selection", x.id, x)) }
    mutating func save(_ j: BackupJob) { jobs[j.id] = j; sql.append(BackupPersistence.saveSQL("job", j.id, j)) }

    mutating func removeVault(_ arn: String) { vaults[arn] = nil; sql.append(BackupPersistence.deleteSQL("vault", arn)) }
    mutating func removeSelection(_ id: String) { selections[id] = nil; sql.append(BackupPersistence.deleteSQL("selection", id)) }

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
