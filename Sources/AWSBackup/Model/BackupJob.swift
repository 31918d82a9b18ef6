import WardenSupport

/// A backup job and, once COMPLETED, its recovery point: the DynamoDB on-demand backup it
/// took (for DynamoDB without advanced backup features, the recovery point ARN is the
/// DynamoDB backup ARN: https://docs.aws.amazon.com/aws-backup/latest/devguide/advanced-ddb-backup.html).
struct BackupJob: Codable, Sendable {
    var id: String
    var account: String
    var region: String
    var vaultName: String
    var resourceArn: String
    var resourceName: String
    var iamRoleArn: String
    var creationDate: Double
    var completionDate: Double?
    /// COMPLETED or FAILED (jobs run to the end before StartBackupJob answers).
    var state: String
    var statusMessage: String?
    var recoveryPointArn: String?
    var sizeBytes: Int64
    var deleteAfterDays: Int?
    /// Order of creation (jobs started in the same simulated instant list in the order started).
    var sequence: Int
    /// For a job a plan's rule started: RecoveryPointCreator's members.
    var createdBy: [String: String]? = nil

    var vaultArn: String { "arn:aws:backup:\(region):\(account):backup-vault:\(vaultName)" }

    /// DescribeBackupJob's answer and ListBackupJobs's member.
    var json: JSONValue {
        var m: [(String, JSONValue)] = [
            ("AccountId", .string(account)), ("BackupJobId", .string(id)), ("BackupVaultName", .string(vaultName)),
            ("BackupVaultArn", .string(vaultArn)), ("VaultType", "BACKUP_VAULT"),
        ]
        if let rp = recoveryPointArn { m.append(("RecoveryPointArn", .string(rp))) }
        if let days = deleteAfterDays { m.append(("RecoveryPointLifecycle", ["DeleteAfterDays": .int(days)])) }
        m += [("ResourceArn", .string(resourceArn)), ("CreationDate", .timestamp(creationDate))]
        if let c = completionDate { m.append(("CompletionDate", .timestamp(c))) }
        m.append(("State", .string(state)))
        if let s = statusMessage { m.append(("StatusMessage", .string(s))) }
        if state == "COMPLETED" { m.append(("PercentDone", "100.0")) }
        m += [("BackupSizeInBytes", .int64(sizeBytes)), ("IamRoleArn", .string(iamRoleArn))]
        if let c = createdBy { m.append(("CreatedBy", Self.creator(c))) }
        m += [("ResourceType", "DynamoDB"),
              ("BytesTransferred", .int64(sizeBytes)), ("StartBy", .timestamp(creationDate + 8 * 3600)), ("BackupType", ""),
              ("IsParent", false), ("ResourceName", .string(resourceName)), ("InitiationDate", .timestamp(creationDate)),
              ("MessageCategory", .string(state == "COMPLETED" ? "SUCCESS" : "FAILURE"))]
        return .object(m)
    }

    static func creator(_ c: [String: String]) -> JSONValue {
        .object(["BackupPlanId", "BackupPlanArn", "BackupPlanVersion", "BackupRuleId"].compactMap { k in c[k].map { (k, .string($0)) } })
    }

    /// ListRecoveryPointsByBackupVault's member (completed jobs only).
    var recoveryPoint: JSONValue {
        var m: [(String, JSONValue)] = [
            ("RecoveryPointArn", .string(recoveryPointArn ?? "")), ("BackupVaultName", .string(vaultName)), ("BackupVaultArn", .string(vaultArn)),
            ("ResourceArn", .string(resourceArn)), ("ResourceType", "DynamoDB"),
        ]
        if let c = createdBy { m.append(("CreatedBy", Self.creator(c))) }
        m += [
            ("IamRoleArn", .string(iamRoleArn)), ("Status", "COMPLETED"), ("CreationDate", .timestamp(creationDate)), ("InitiationDate", .timestamp(creationDate)),
        ]
        if let c = completionDate { m.append(("CompletionDate", .timestamp(c))) }
        m.append(("BackupSizeInBytes", .int64(sizeBytes)))
        if let days = deleteAfterDays {
            m.append(("CalculatedLifecycle", ["DeleteAt": .timestamp(creationDate + Double(days) * 86_400)]))
            m.append(("Lifecycle", ["DeleteAfterDays": .int(days)]))
        }
        m += [("IsEncrypted", false), ("IsParent", false), ("ResourceName", .string(resourceName)), ("VaultType", "BACKUP_VAULT")]
        return .object(m)
    }
}
