import DynamoExpressions
import DynamoModel

/// ExecuteStatement — one PartiQL statement: a SELECT read as a Query (its WHERE names
/// partitions) or a Scan (it names none), with `Limit`, `NextToken` and 1 MB pages; an
/// INSERT, UPDATE or DELETE written as PutItem, UpdateItem or DeleteItem write, with the
/// condition the statement implies.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
struct ExecuteStatement: DynamoOperation {
    static let name = "ExecuteStatement"
    /// CloudTrail records ExecuteStatement as `readOnly: false`, SELECTs included (the example
    /// in "Understanding DynamoDB log file entries").
    static let readOnly = false

    let input: StatementInput
    let limit: Int?
    let nextToken: String?
    let capacityMode: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let members = try StatementInput.Members(p, constraints: &c)
        nextToken = try p.string("NextToken")
        c.length(nextToken, at: "nextToken", min: 1, max: 32768)
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        try c.check()
        self.limit = limit.map { Int(clamping: $0) }
        input = try members.parse()
        if input.statement.kind == .exists { throw .validation("EXISTS can only be used in ExecuteTransaction write requests.") }
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([input.authorizationCheck(service: service, env: env)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let table: TableDefinition
        do {
            table = try service.requireTable(input.statement.tableName, env: env)
        } catch {
            return completion(.failure(error))
        }
        if input.statement.isRead {
            return Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
                let plan = try input.selectPlan(table, limit: limit, capacityMode: capacityMode)
                let hash = StatementToken.requestHash(text: input.text, parameters: input.parameters, tableArn: table.arn)
                let token = try nextToken.map { text throws(DynamoError) in try StatementToken(text, requestHash: hash, key: service.iteratorKey) }
                let (page, next) = try plan.page(service: service, from: token)
                return page.statementResponse(nextToken: next?.encoded(requestHash: hash, key: service.iteratorKey), capacityMode: capacityMode)
            }
        }
        let write: PreparedWrite
        do {
            write = try input.writePlan(table)
        } catch {
            return completion(.failure(error))
        }
        let mode = capacityMode
        input.runWrite(write, tableKey: service.tableKey(input.statement.tableName, env: env), service: service, env: env) { result in
            completion(result.map { StatementInput.writeResponse($0.0, capacity: $0.1, tableName: table.name, capacityMode: mode) })
        }
    }
}
