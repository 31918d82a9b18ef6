import DynamoModel

/// ListTables — names in byte order, paged by ExclusiveStartTableName and Limit (1–100).
struct ListTables: DynamoOperation {
    static let name = "ListTables"
    static let readOnly = true
    let exclusiveStart: String?
    let limit: Int

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let start = try p.string("ExclusiveStartTableName")
        if let start { c.tableName(start, at: "exclusiveStartTableName") }
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        c.atMost(limit, at: "limit", 100)
        try c.check()
        exclusiveStart = start
        self.limit = Int(limit ?? 100)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:ListTables", resource: "*", resourceAccount: env.accountId)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        var names = service.catalog.names(account: env.accountId, region: env.region)
        if let start = exclusiveStart {
            let startBytes = Array(start.utf8)
            names = names.filter { startBytes.lexicographicallyPrecedes(Array($0.utf8)) }
        }
        var out: [(String, JSONValue)] = []
        let page = Array(names.prefix(limit))
        out.append(("TableNames", .array(page.map { .string($0) })))
        if names.count > limit, let last = page.last { out.append(("LastEvaluatedTableName", .string(last))) }
        completion(.success(encode(.object(out))))
    }
}
