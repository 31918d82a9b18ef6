import WardenSupport

/// StartBackupJob — PUT /backup-jobs: an on-demand backup of a DynamoDB table into a vault.
/// The job runs at once: it takes a real DynamoDB backup (type AWS_BACKUP) whose ARN is the
/// recovery point's, and answers when the job is COMPLETED. A table that does not exist makes
/// a FAILED job, as AWS Backup reports failures on the job rather than on the call.
enum StartBackupJob: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let vaultName = try p.required("BackupVaultName")
        guard BackupParams.isVaultName(vaultName) else { throw .invalidParameter("Invalid backup vault name: \(BackupParams.clip(vaultName))") }
        let resource = try p.required("ResourceArn")
        let role = try p.required("IamRoleArn")
        guard BackupSelection.isRoleArn(role) else { throw .invalidParameter("Invalid ARN: \(BackupParams.clip(role))") }
        let parts = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { throw .invalidParameter("Invalid ARN: \(BackupParams.clip(resource))") }
        let tablePath = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard parts[2] == "dynamodb", tablePath.count == 2, tablePath[0] == "table", !tablePath[1].isEmpty else {
            throw .invalidParameter("Unsupported resource type: \(BackupParams.clip(resource)). Only DynamoDB tables can be backed up here")
        }
        var days: Int?
        if let lifecycle = try p.object("Lifecycle"), let value = lifecycle["DeleteAfterDays"] {
            guard case .number(let text) = value, let n = Int(text), n >= 1 else { throw .invalidParameter("Invalid value for DeleteAfterDays") }
            days = n
        }
        let deleteAfterDays = days
        let vaultArn = env.vaultArn(vaultName), store = env.store, tables = env.tables, caller = env.caller, now = env.now
        let tableName = String(tablePath[1])
        let checks = [env.check("StartBackupJob", vaultArn), env.passRole(role)]
        return BackupPrepared(checks: checks, auditParameters: p.audit, resources: [(BackupResource.vault, vaultArn)]) { completion in
            do throws(BackupError) {
                _ = try store.read { (s) throws(BackupError) -> BackupVault in try s.vault(vaultArn) }
            } catch {
                return completion(.failure(error))
            }
            let job = BackupJob(id: BackupIds.uuid().uppercased(), account: caller.account, region: caller.region, vaultName: vaultName,
                                resourceArn: resource, resourceName: tableName, iamRoleArn: role, creationDate: now, completionDate: nil,
                                state: "FAILED", statusMessage: nil, recoveryPointArn: nil, sizeBytes: 0, deleteAfterDays: deleteAfterDays, sequence: 0)
            BackupJobRunner.run(job, store: store, tables: tables) { result in
                completion(result.map { done in
                    var out: [(String, JSONValue)] = [("BackupJobId", .string(done.id))]
                    if let rp = done.recoveryPointArn { out.append(("RecoveryPointArn", .string(rp))) }
                    out += [("CreationDate", .timestamp(now)), ("IsParent", false)]
                    return .object(out)
                })
            }
        }
    }
}
