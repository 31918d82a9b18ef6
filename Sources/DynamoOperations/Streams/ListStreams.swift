import DynamoModel
import DynamoStorage

/// ListStreams (Streams API) — https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_ListStreams.html
/// The caller's streams (disabled ones until their records age out), in ARN order, optionally
/// of one table; paged by `ExclusiveStartStreamArn` / `Limit` (1–100).
struct ListStreams: DynamoOperation {
    static let name = "ListStreams"
    static let readOnly = true

    let tableName: String?
    let limit: Int
    let exclusiveStart: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let name = try p.string("TableName")
        if let name { c.tableName(name, at: "tableName") }
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        c.atMost(limit, at: "limit", 100)
        try c.check()
        exclusiveStart = try StreamNames.readArn(p, key: "ExclusiveStartStreamArn", path: "exclusiveStartStreamArn", required: false)
        tableName = name
        self.limit = Int(limit ?? 100)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:ListStreams", resource: "*", resourceAccount: env.accountId)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            var rows = try service.read { try $0.streams(account: env.accountId, region: env.region) }
                .filter { StreamLifecycle.isLive($0, now: env.now) }
            if let tableName { rows = rows.filter { $0.tableName == tableName } }
            rows.sort { Array($0.arn.utf8).lexicographicallyPrecedes(Array($1.arn.utf8)) }
            if let start = exclusiveStart {
                let startBytes = Array(start.utf8)
                rows = rows.filter { startBytes.lexicographicallyPrecedes(Array($0.arn.utf8)) }
            }
            let page = Array(rows.prefix(limit))
            var out: [(String, JSONValue)] = [("Streams", .array(page.map { row in
                ["StreamArn": .string(row.arn), "TableName": .string(row.tableName), "StreamLabel": .string(row.label)]
            }))]
            if rows.count > limit, let last = page.last { out.append(("LastEvaluatedStreamArn", .string(last.arn))) }
            return encode(.object(out))
        }
    }
}
