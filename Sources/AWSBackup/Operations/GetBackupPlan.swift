import WardenSupport

/// GetBackupPlan — GET /backup/plans/{backupPlanId}/ (a deleted plan is still answered, with
/// its DeletionDate; only the current version is kept, so another `versionId` is not found).
enum GetBackupPlan: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let id = p.path["backupPlanId"] ?? "", version = p.query["versionId"]
        let arn = env.planArn(id), store = env.store, caller = env.caller
        return .reading(checks: [env.check("GetBackupPlan", arn)], params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                let plan = try s.plan(id, caller, deleted: true)
                if let version, version != plan.versionId { throw BackupError.planNotFound }
                var out: [(String, JSONValue)] = [("BackupPlan", plan.documentJSON), ("BackupPlanId", .string(plan.id)),
                                                  ("BackupPlanArn", .string(plan.arn)), ("VersionId", .string(plan.versionId))]
                if let c = plan.creatorRequestId { out.append(("CreatorRequestId", .string(c))) }
                out.append(("CreationDate", .timestamp(plan.creationDate)))
                if let d = plan.deletionDate { out.append(("DeletionDate", .timestamp(d))) }
                if let advanced = plan.documentJSON["AdvancedBackupSettings"] { out.append(("AdvancedBackupSettings", advanced)) }
                return .object(out)
            }
        }
    }
}
