import WardenSupport

/// DeleteBackupSelection — DELETE /backup/plans/{backupPlanId}/selections/{selectionId}
enum DeleteBackupSelection: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let planId = p.path["backupPlanId"] ?? "", id = p.path["selectionId"] ?? ""
        let arn = env.planArn(planId), store = env.store, caller = env.caller
        return BackupPrepared(checks: [env.check("DeleteBackupSelection", arn)], params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.transact { (s: inout BackupStore.State) throws(BackupError) -> JSONValue in
                _ = try s.plan(planId, caller)
                guard let sel = s.selections[id], sel.planId == planId else { throw GetBackupSelection.notFound(id) }
                s.removeSelection(sel.id)
                return .object([])
            }
        }
    }
}
