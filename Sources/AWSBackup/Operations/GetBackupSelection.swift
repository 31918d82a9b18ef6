import WardenSupport

/// GetBackupSelection — GET /backup/plans/{backupPlanId}/selections/{selectionId}
enum GetBackupSelection: BackupOperation {
    static func notFound(_ id: String) -> BackupError { .notFound("Failed reading Backup selection with id \(BackupParams.clip(id))") }

    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let planId = p.path["backupPlanId"] ?? "", id = p.path["selectionId"] ?? ""
        let arn = env.planArn(planId), store = env.store, caller = env.caller
        return .reading(checks: [env.check("GetBackupSelection", arn)], params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                _ = try s.plan(planId, caller, deleted: true)
                guard let sel = s.selections[id], sel.planId == planId else { throw notFound(id) }
                var out: [(String, JSONValue)] = [("BackupSelection", sel.documentJSON), ("SelectionId", .string(sel.id)),
                                                  ("BackupPlanId", .string(planId)), ("CreationDate", .timestamp(sel.creationDate))]
                if let c = sel.creatorRequestId { out.append(("CreatorRequestId", .string(c))) }
                return .object(out)
            }
        }
    }
}
