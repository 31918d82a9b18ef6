import WardenSupport

/// ListBackupPlans — GET /backup/plans/ (oldest first; `includeDeleted=true` adds deleted plans).
enum ListBackupPlans: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let (limit, start) = try p.page()
        let includeDeleted = p.query["includeDeleted"] == "true"
        let store = env.store, caller = env.caller
        return .reading(checks: [env.check("ListBackupPlans", "*")], params: p) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                let plans = s.plans.values.filter { $0.account == caller.account && $0.region == caller.region && (includeDeleted || $0.deletionDate == nil) }
                    .sorted { ($0.creationDate, $0.name, $0.id) < ($1.creationDate, $1.name, $1.id) }
                let (page, next) = paginate(plans, limit: limit, start: start)
                var out: [(String, JSONValue)] = [("BackupPlansList", .array(page.map(\.listMember)))]
                if let next { out.append(("NextToken", .string(next))) }
                return .object(out)
            }
        }
    }
}
