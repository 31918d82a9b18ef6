import WardenSupport

/// DeleteBackupPlan — DELETE /backup/plans/{backupPlanId}: refused while the plan has
/// selections; a deleted plan keeps its DeletionDate (ListBackupPlans `includeDeleted`).
enum DeleteBackupPlan: BackupOperation {
    static let hasSelections = "Related backup plan selections must be deleted prior to backup plan deletion"

    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let id = p.path["backupPlanId"] ?? ""
        let arn = env.planArn(id), store = env.store, caller = env.caller, now = env.now
        return BackupPrepared(checks: [env.check("DeleteBackupPlan", arn)], params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.transact { (s: inout BackupStore.State) throws(BackupError) -> JSONValue in
                var plan = try s.plan(id, caller)
                if s.selections.values.contains(where: { $0.planId == id }) { throw .invalidRequest(hasSelections) }
                plan.deletionDate = now
                s.save(plan)
                return ["BackupPlanId": .string(id), "BackupPlanArn": .string(arn), "DeletionDate": .timestamp(now), "VersionId": .string(plan.versionId)]
            }
        }
    }
}
