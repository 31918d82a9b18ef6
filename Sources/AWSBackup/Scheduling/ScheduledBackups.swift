import Logging
import Synchronization
import WardenSupport

/// Scheduled backup rules, run on the simulated clock: a rule whose schedule (`BackupSchedule`)
/// came due since its last run starts one job for every table its plan's selections cover
/// (with the selection's role, into the rule's vault; a missing vault fails the job). Missed
/// occurrences are not replayed: one job per rule and table per pass, as a late start would.
extension BackupService {
    struct DueRule {
        var plan: BackupPlan
        var ruleId: String
        var vault: String
        var deleteAfterDays: Int?
        var selections: [BackupSelection]
    }

    /// Starts the jobs of every rule due now; `completion` runs once they have all ended
    /// (at once when none was due) with the number of jobs run.
    public func runDueRules(completion: @escaping @Sendable (Int) -> Void = { _ in }) {
        let now = store.clock.now()
        let due = (try? store.transact { (s: inout BackupStore.State) throws(BackupError) -> [DueRule] in
            var out: [DueRule] = []
            for plan in s.plans.values where plan.deletionDate == nil {
                var updated = plan
                for rule in plan.documentJSON["Rules"]?.arrayValue ?? [] {
                    guard let id = rule["RuleId"]?.stringValue, let vault = rule["TargetBackupVaultName"]?.stringValue,
                          let schedule = rule["ScheduleExpression"]?.stringValue.flatMap(BackupSchedule.init) else { continue }
                    let last = updated.lastRuns?[id] ?? plan.creationDate
                    guard let at = schedule.latest(after: last, upTo: now) else { continue }
                    updated.lastRuns = (updated.lastRuns ?? [:]).merging([id: at]) { $1 }
                    var days: Int?
                    if case .number(let t)? = rule["Lifecycle"]?["DeleteAfterDays"] { days = Int(t) }
                    out.append(DueRule(plan: plan, ruleId: id, vault: vault, deleteAfterDays: days,
                                       selections: s.selections.values.filter { $0.planId == plan.id }.sorted { $0.name < $1.name }))
                }
                if updated.lastRuns != plan.lastRuns { s.save(updated) }
            }
            return out
        }.0) ?? []
        var jobs: [BackupJob] = []
        for rule in due {
            let vaultArn = "arn:aws:backup:\(rule.plan.region):\(rule.plan.account):backup-vault:\(rule.vault)"
            let vaultExists = (try? store.read { (s) throws(BackupError) -> Bool in s.vaults[vaultArn] != nil }) ?? false
            for table in tables.tables(account: rule.plan.account, region: rule.plan.region).sorted(by: { $0.arn < $1.arn }) {
                guard let selection = rule.selections.first(where: { $0.covers(table) }) else { continue }
                var job = BackupJob(id: BackupIds.uuid().uppercased(), account: rule.plan.account, region: rule.plan.region,
                                    vaultName: rule.vault, resourceArn: table.arn, resourceName: table.name, iamRoleArn: selection.iamRoleArn,
                                    creationDate: now, completionDate: nil, state: "FAILED", statusMessage: nil, recoveryPointArn: nil,
                                    sizeBytes: 0, deleteAfterDays: rule.deleteAfterDays, sequence: 0)
                job.createdBy = ["BackupPlanId": rule.plan.id, "BackupPlanArn": rule.plan.arn, "BackupPlanVersion": rule.plan.versionId,
                                 "BackupRuleId": rule.ruleId]
                if !vaultExists {
                    job.completionDate = now
                    job.statusMessage = "Backup vault \(rule.vault) does not exist"
                }
                jobs.append(job)
            }
        }
        let all = jobs
        guard !all.isEmpty else { return completion(0) }
        let left = Mutex(all.count)
        let store = self.store, tables = self.tables
        let ended: @Sendable () -> Void = {
            if left.withLock({ n -> Int in n -= 1; return n }) == 0 { completion(all.count) }
        }
        for job in all {
            if job.statusMessage != nil {
                // Recorded as failed without touching DynamoDB.
                let saved = try? store.transact { (s: inout BackupStore.State) throws(BackupError) in
                    var j = job
                    j.sequence = (s.jobs.values.map(\.sequence).max() ?? 0) + 1
                    s.save(j)
                }
                if let write = saved?.1 { write.whenDone { _ in ended() } } else { ended() }
            } else {
                BackupJobRunner.run(job, store: store, tables: tables) { _ in ended() }
            }
        }
    }
}

/// Runs due rules once a second in the background, so scheduled backups happen without any
/// AWS Backup call (each AWS Backup request also runs them first, so a caller that just moved
/// the simulated clock sees the jobs).
public final class BackupScheduler: Sendable {
    let task: PeriodicTask

    public init(service: BackupService, logger: Logger) {
        task = PeriodicTask(name: "warden-backup-schedule", interval: 1, logger: logger) { service.runDueRules() }
    }

    public func start() { task.start() }
    public func stop() { task.stop() }
}
