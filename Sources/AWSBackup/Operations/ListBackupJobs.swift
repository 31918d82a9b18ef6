import WardenSupport

/// ListBackupJobs — GET /backup-jobs/ (in the order started), filtered by `resourceArn`,
/// `state`, `backupVaultName`, `resourceType` and `accountId`.
enum ListBackupJobs: BackupOperation {
    static let states = ["CREATED", "PENDING", "RUNNING", "ABORTING", "ABORTED", "COMPLETED", "FAILED", "EXPIRED", "PARTIAL"]

    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let (limit, start) = try p.page()
        let q = p.query
        if let state = q["state"], !states.contains(state) { throw .invalidParameter("Invalid value for ByState: \(BackupParams.clip(state))") }
        if let vault = q["backupVaultName"], !BackupParams.isVaultName(vault) { throw .invalidParameter("Invalid backup vault name: \(BackupParams.clip(vault))") }
        let store = env.store, caller = env.caller
        return .reading(checks: [env.check("ListBackupJobs", "*")], params: p) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                let jobs = s.jobs.values.filter { j in
                    j.account == caller.account && j.region == caller.region
                        && q["resourceArn"].map { $0 == j.resourceArn } != false && q["state"].map { $0 == j.state } != false
                        && q["backupVaultName"].map { $0 == j.vaultName } != false && q["resourceType"].map { $0 == "DynamoDB" } != false
                        && q["accountId"].map { $0 == j.account } != false
                }.sorted { $0.sequence < $1.sequence }
                let (page, next) = paginate(jobs, limit: limit, start: start)
                var out: [(String, JSONValue)] = [("BackupJobs", .array(page.map(\.json)))]
                if let next { out.append(("NextToken", .string(next))) }
                return .object(out)
            }
        }
    }
}
