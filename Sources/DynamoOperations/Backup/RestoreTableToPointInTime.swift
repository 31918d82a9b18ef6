import DynamoModel
import DynamoStorage

/// RestoreTableToPointInTime — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html
///
/// The new table holds exactly the items the source held at the chosen second (hh:mm:ss.000;
/// AWS restores to the second): inside one exclusive write, the source's current items are
/// copied and then every change made from that instant on is undone, newest first (each item goes back to its old image: items
/// deleted since come back, items created since go). Indexes are rebuilt from the result.
struct RestoreTableToPointInTime: DynamoOperation {
    static let name = "RestoreTableToPointInTime"
    static let readOnly = false

    let source: String
    let target: String
    let restoreTime: Double?
    let useLatest: Bool
    var overrides: RestoreOverrides

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let sourceName = try p.string("SourceTableName")
        let sourceArn = try p.string("SourceTableArn")
        if let sourceName { c.tableName(sourceName, at: "sourceTableName") }
        c.length(sourceArn, at: "sourceTableArn", min: 1, max: 1024)
        let target = try p.string("TargetTableName")
        c.tableName(target, at: "targetTableName")
        let time = try TimestampParam.read(p, "RestoreDateTime")
        let useLatest = try p.bool("UseLatestRestorableTime")
        overrides = try RestoreOverrides.parse(p, env: env, constraints: &c)
        try c.check()
        if sourceName == nil && sourceArn == nil {
            throw .validation("One or more parameter values were invalid: Either SourceTableName or SourceTableArn must be specified")
        }
        if sourceName != nil && sourceArn != nil {
            throw .validation("One or more parameter values were invalid: Only one of SourceTableName or SourceTableArn can be specified")
        }
        if let sourceArn, TableArn(sourceArn)?.suffix != nil || TableArn(sourceArn) == nil {
            throw .validation("One or more parameter values were invalid: Invalid TableArn: \(sourceArn)")
        }
        if time != nil && useLatest == true {
            throw .validation("One or more parameter values were invalid: Only one of RestoreDateTime or UseLatestRestorableTime can be specified")
        }
        if time == nil && useLatest != true {
            throw .validation("One or more parameter values were invalid: Either RestoreDateTime or UseLatestRestorableTime must be specified")
        }
        self.source = sourceArn ?? sourceName ?? ""
        self.target = target ?? ""
        self.restoreTime = time
        self.useLatest = useLatest == true
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let key = service.tableKey(source, env: env)
        var checks = [AuthorizationCheck(action: "dynamodb:RestoreTableToPointInTime", resource: service.tableArn(source, env: env),
                                         resourceAccount: key.account)]
        checks += RestoreTargetAuthorization.checks(target: target, service: service, env: env)
        return AuthorizationRequest(checks)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let sourceKey = service.tableKey(source, env: env)
        var request = self
        do {
            request.overrides = try overrides.resolved(service: service, env: env)  // [kms]
        } catch {
            return completion(.failure(error))
        }
        RestoreTarget.run(service: service, env: env, completion: completion) { [request] writer in
            guard let table = service.catalog.get(sourceKey) else { throw DynamoError.tableNotFoundException(sourceKey.name) }
            guard let settings = table.pitr, settings.enabled else { throw DynamoError.pointInTimeRecoveryUnavailable(table.name) }
            let window = PITRWindow(settings, now: env.now)
            let second = request.useLatest ? window.latest : (request.restoreTime ?? 0).rounded(.down)
            guard window.contains(second) else { throw DynamoError.invalidRestoreTime() }
            try RestoreTarget.checkFree(request.target, service: service, writer: writer, env: env)
            let summary = RestoreSummary(sourceBackupArn: nil, sourceTableArn: table.arn, restoreDateTime: second)
            let t = try RestoreTarget.definition(from: table, name: request.target, overrides: request.overrides, summary: summary,
                                                 writer: writer, env: env)
            try RestoreTarget.create(t, writer: writer) {
                try PointInTimeState.load(source: table, into: t.storageId, asOf: second, writer: writer)
            }
            return t
        }
    }
}

/// A restore writes the target table: AWS requires the item-level permissions on it as well
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html).
enum RestoreTargetAuthorization {
    static let actions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:GetItem",
                          "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchWriteItem"]

    static func checks(target: String, service: DynamoService, env: RequestEnvironment) -> [AuthorizationCheck] {
        let arn = "arn:aws:dynamodb:\(env.region):\(env.accountId):table/\(target)"
        return actions.map { AuthorizationCheck(action: $0, resource: arn, resourceAccount: env.accountId) }
    }
}

/// Reconstructs a table's items as of a second from its current items and its history.
enum PointInTimeState {
    /// Fills table `target` with the items `source` held at the instant `time`.
    static func load(source: TableDefinition, into target: Int64, asOf time: Double, writer: StorageWriter) throws {
        try writer.copyItems(from: source.storageId, into: target)
        try writer.reader.changes(tid: source.storageId, since: time) { row in
            if let old = row.oldItem {
                let size = ItemSize.of(try ItemWrite.decode(old))
                try writer.putItem(tid: target, pk: row.pk, sk: row.sk, item: old, size: size, expires: nil)
            } else {
                try writer.deleteItem(tid: target, pk: row.pk, sk: row.sk)
            }
            return true
        }
    }
}
