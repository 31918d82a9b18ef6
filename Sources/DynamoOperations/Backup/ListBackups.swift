import DynamoModel
import DynamoStorage

/// ListBackups — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListBackups.html
/// Oldest first; `BackupType` USER (the default), SYSTEM, AWS_BACKUP or ALL; creation time in
/// `[TimeRangeLowerBound, TimeRangeUpperBound)`; paged by `ExclusiveStartBackupArn` / `Limit`.
struct ListBackups: DynamoOperation {
    static let name = "ListBackups"
    static let readOnly = true

    let tableName: String?
    let lower: Double?
    let upper: Double?
    let type: String
    let limit: Int
    let exclusiveStart: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let name = try p.string("TableName")
        if let name { c.tableName(name, at: "tableName", minLength: 1, allowArn: true) }
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        c.atMost(limit, at: "limit", 100)
        let start = try p.string("ExclusiveStartBackupArn")
        c.length(start, at: "exclusiveStartBackupArn", min: 37, max: 1024)
        let type = try p.string("BackupType")
        c.oneOf(type, at: "backupType", ["USER", "SYSTEM", "AWS_BACKUP", "ALL"])
        lower = try TimestampParam.read(p, "TimeRangeLowerBound")
        upper = try TimestampParam.read(p, "TimeRangeUpperBound")
        try c.check()
        tableName = name
        self.limit = Int(limit ?? 100)
        exclusiveStart = start
        self.type = type ?? "USER"
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:ListBackups", resource: "*", resourceAccount: env.accountId)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            var all = try service.read { try $0.backups(account: env.accountId, region: env.region) }
                .filter { BackupSnapshot.isLive($0, now: env.now) }
            if let tableName {
                let name = TableArn(tableName)?.name ?? tableName
                all = all.filter { $0.tableName == name }
            }
            if type != "ALL" { all = all.filter { $0.type == type } }
            if let lower { all = all.filter { $0.createdAt >= lower } }
            if let upper { all = all.filter { $0.createdAt < upper } }
            if let start = exclusiveStart, let i = all.firstIndex(where: { $0.arn == start }) {
                all = Array(all[(i + 1)...])
            }
            let page = Array(all.prefix(limit))
            var out: [(String, JSONValue)] = [("BackupSummaries", .array(try page.map { (b) throws(DynamoError) -> JSONValue in
                try BackupRendering.summary(b)
            }))]
            if all.count > limit, let last = page.last { out.append(("LastEvaluatedBackupArn", .string(last.arn))) }
            return encode(.object(out))
        }
    }
}
