import WardenSupport

/// ListBackupSelections — GET /backup/plans/{backupPlanId}/selections/ (oldest first).
enum ListBackupSelections: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let planId = p.path["backupPlanId"] ?? ""
        let (limit, start) = try p.page()
        let arn = env.planArn(planId), store = env.store, caller = env.caller
        return .reading(checks: [env.check("ListBackupSelections", arn)], params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                _ = try s.plan(planId, caller, deleted: true)
                let all = s.selections.values.filter { $0.planId == planId }.sorted { ($0.creationDate, $0.name) < ($1.creationDate, $1.name) }
                let (page, next) = paginate(all, limit: limit, start: start)
                var out: [(String, JSONValue)] = [("BackupSelectionsList", .array(page.map(\.listMember)))]
                if let next { out.append(("NextToken", .string(next))) }
                return .object(out)
            }
        }
    }
}
