import WardenSupport

/// DescribeBackupJob — GET /backup-jobs/{backupJobId}
enum DescribeBackupJob: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let id = p.path["backupJobId"] ?? ""
        let store = env.store, caller = env.caller
        return .reading(checks: [env.check("DescribeBackupJob", "*")], params: p) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                guard let job = s.jobs[id], job.account == caller.account, job.region == caller.region else {
                    throw BackupError.notFound("Cannot find backup job with id \(BackupParams.clip(id))")
                }
                return job.json
            }
        }
    }
}
