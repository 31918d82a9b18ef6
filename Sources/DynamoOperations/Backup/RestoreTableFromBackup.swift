import DynamoModel
import DynamoStorage

/// RestoreTableFromBackup — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html
/// A new table with the backup's schema (overridable) and exactly its items.
struct RestoreTableFromBackup: DynamoOperation {
    static let name = "RestoreTableFromBackup"
    static let readOnly = false

    let target: String
    let backupArn: String
    var overrides: RestoreOverrides

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let target = try p.string("TargetTableName")
        c.tableName(target, at: "targetTableName")
        let arn = try p.string("BackupArn")
        c.notNull(arn, at: "backupArn")
        c.length(arn, at: "backupArn", min: 37, max: 1024)
        overrides = try RestoreOverrides.parse(p, env: env, constraints: &c)
        try c.check()
        self.target = target ?? ""
        backupArn = arn ?? ""
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        var checks = [AuthorizationCheck(action: "dynamodb:RestoreTableFromBackup", resource: backupArn,
                                         resourceAccount: BackupSnapshot.account(of: backupArn, env: env),
                                         policyResource: BackupSnapshot.noResourcePolicy)]
        checks += RestoreTargetAuthorization.checks(target: target, service: service, env: env)
        return AuthorizationRequest(checks)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        var request = self
        do {
            request.overrides = try overrides.resolved(service: service, env: env)  // [kms]
        } catch {
            return completion(.failure(error))
        }
        RestoreTarget.run(service: service, env: env, completion: completion) { [request] writer in
            let record = try BackupSnapshot.require(request.backupArn, reader: writer.reader, now: env.now)
            try RestoreTarget.checkFree(request.target, service: service, writer: writer, env: env)
            let source = try BackupSnapshot.definition(of: record)
            let summary = RestoreSummary(sourceBackupArn: record.arn, sourceTableArn: source.arn, restoreDateTime: record.createdAt)
            let t = try RestoreTarget.definition(from: source, name: request.target, overrides: request.overrides, summary: summary,
                                                 writer: writer, env: env)
            try RestoreTarget.create(t, writer: writer) { try writer.loadBackupItems(bid: record.id, into: t.storageId) }
            return t
        }
    }
}
