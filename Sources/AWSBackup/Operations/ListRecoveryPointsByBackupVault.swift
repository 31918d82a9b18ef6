import WardenSupport

/// ListRecoveryPointsByBackupVault — GET /backup-vaults/{backupVaultName}/recovery-points/
enum ListRecoveryPointsByBackupVault: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let arn = env.vaultArn(try p.vaultName())
        let (limit, start) = try p.page()
        let q = p.query, store = env.store
        return .reading(checks: [env.check("ListRecoveryPointsByBackupVault", arn)], params: p, resources: [(BackupResource.vault, arn)]) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                _ = try s.vault(arn)
                let points = s.recoveryPoints(in: arn).filter { j in
                    q["resourceArn"].map { $0 == j.resourceArn } != false && q["resourceType"].map { $0 == "DynamoDB" } != false
                        && q["backupPlanId"].map { $0 == j.createdBy?["BackupPlanId"] } != false
                }
                let (page, next) = paginate(points, limit: limit, start: start)
                var out: [(String, JSONValue)] = [("RecoveryPoints", .array(page.map(\.recoveryPoint)))]
                if let next { out.append(("NextToken", .string(next))) }
                return .object(out)
            }
        }
    }
}
