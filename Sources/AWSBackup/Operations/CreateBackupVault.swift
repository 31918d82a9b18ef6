import WardenSupport

/// CreateBackupVault — PUT /backup-vaults/{backupVaultName}
/// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html
enum CreateBackupVault: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let name = try p.vaultName()
        let tags = try p.tags("BackupVaultTags")
        let key = try p.string("EncryptionKeyArn")
        if let key, !key.hasPrefix("arn:aws:kms:") { throw .invalidParameter("Invalid EncryptionKeyArn: \(BackupParams.clip(key))") }
        let creator = try p.string("CreatorRequestId")
        let arn = env.vaultArn(name), store = env.store, caller = env.caller, now = env.now
        return BackupPrepared(checks: [env.check("CreateBackupVault", arn)], params: p, resources: [(BackupResource.vault, arn)]) { () throws(BackupError) in
            try store.transact { (s: inout BackupStore.State) throws(BackupError) -> JSONValue in
                if s.vaults[arn] != nil { throw .alreadyExists("Backup vault with the same name already exists", arn: arn) }
                s.save(BackupVault(name: name, account: caller.account, region: caller.region, creationDate: now, encryptionKeyArn: key,
                                   creatorRequestId: creator, tags: tags))
                return ["BackupVaultName": .string(name), "BackupVaultArn": .string(arn), "CreationDate": .timestamp(now)]
            }
        }
    }
}
