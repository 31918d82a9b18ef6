import WardenSupport

/// A backup vault: named per account and region; holds the recovery points of the jobs that
/// targeted it.
struct BackupVault: Codable, Sendable {
    var name: String
    var account: String
    var region: String
    var creationDate: Double
    var encryptionKeyArn: String?
    var creatorRequestId: String?
    var tags: [String: String]

    var arn: String { "arn:aws:backup:\(region):\(account):backup-vault:\(name)" }

    /// DescribeBackupVault's answer and ListBackupVaults's member (same members).
    func json(recoveryPoints: Int) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("BackupVaultName", .string(name)), ("BackupVaultArn", .string(arn)), ("VaultType", "BACKUP_VAULT"), ("VaultState", "AVAILABLE"),
        ]
        if let key = encryptionKeyArn { m.append(("EncryptionKeyArn", .string(key))) }
        m.append(("CreationDate", .timestamp(creationDate)))
        if let id = creatorRequestId { m.append(("CreatorRequestId", .string(id))) }
        m.append(("NumberOfRecoveryPoints", .int(recoveryPoints)))
        m.append(("Locked", false))
        m.append(("EncryptionKeyType", .string(encryptionKeyArn == nil ? "AWS_OWNED_KMS_KEY" : "CUSTOMER_MANAGED_KMS_KEY")))
        return .object(m)
    }
}
