import WardenSupport

/// DescribeBackupVault — GET /backup-vaults/{backupVaultName}
enum DescribeBackupVault: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let arn = env.vaultArn(try p.vaultName()), store = env.store
        return .reading(checks: [env.check("DescribeBackupVault", arn)], params: p, resources: [(BackupResource.vault, arn)]) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                try s.vault(arn).json(recoveryPoints: s.recoveryPoints(in: arn).count)
            }
        }
    }
}
