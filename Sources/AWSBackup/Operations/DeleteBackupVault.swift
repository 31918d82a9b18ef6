import WardenSupport

/// DeleteBackupVault — DELETE /backup-vaults/{backupVaultName}. Only an empty vault can be
/// deleted, and the vault named `Default` only while another vault exists in the Region
/// ("Delete a backup vault", https://docs.aws.amazon.com/aws-backup/latest/devguide/delete-a-vault.html).
enum DeleteBackupVault: BackupOperation {
    static let notEmpty = "Backup vault cannot be deleted because it contains recovery points."
    static let lastDefault = "Default backup vault cannot be deleted while it is the only backup vault in the Region."

    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let name = try p.vaultName()
        let arn = env.vaultArn(name), store = env.store, caller = env.caller
        return BackupPrepared(checks: [env.check("DeleteBackupVault", arn)], params: p, resources: [(BackupResource.vault, arn)]) { () throws(BackupError) in
            try store.transact { (s: inout BackupStore.State) throws(BackupError) -> JSONValue in
                _ = try s.vault(arn)
                if !s.recoveryPoints(in: arn).isEmpty { throw .invalidRequest(notEmpty) }
                if name == "Default", !s.vaults.values.contains(where: { $0.account == caller.account && $0.region == caller.region && $0.arn != arn }) {
                    throw .invalidRequest(lastDefault)
                }
                s.removeVault(arn)
                return .object([])
            }
        }
    }
}
