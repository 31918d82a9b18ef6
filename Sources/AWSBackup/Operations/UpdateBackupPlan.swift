import WardenSupport

/// UpdateBackupPlan — POST /backup/plans/{backupPlanId}: a new document and a new version id.
enum UpdateBackupPlan: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let id = p.path["backupPlanId"] ?? ""
        guard let input = try p.object("BackupPlan") else { throw .missingParameter("BackupPlan is required") }
        let (name, document) = try BackupPlan.document(from: input)
        let arn = env.planArn(id), store = env.store, caller = env.caller
        return BackupPrepared(checks: [env.check("UpdateBackupPlan", arn)], params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.transact { (s: inout BackupStore.State) throws(BackupError) -> JSONValue in
                var plan = try s.plan(id, caller)
                plan.name = name
                plan.document = String(decoding: JSONWriter.encode(document), as: UTF8.self)
                plan.versionId = BackupIds.versionId()
                s.save(plan)
                var out: [(String, JSONValue)] = [("BackupPlanId", .string(id)), ("BackupPlanArn", .string(arn)),
                                                  ("CreationDate", .timestamp(plan.creationDate)), ("VersionId", .string(plan.versionId))]
                if let advanced = document["AdvancedBackupSettings"] { out.append(("AdvancedBackupSettings", advanced)) }
                return .object(out)
            }
        }
    }
}
