import DynamoExpressions
import DynamoModel
import SigV4

/// ExecuteTransaction — up to 100 PartiQL statements, all reads or all writes: reads as
/// TransactGetItems reads (one snapshot, each SELECT by its whole key), writes as
/// TransactWriteItems writes (INSERT as a Put that the key must not exist for, UPDATE and
/// DELETE with the conditions they imply, `EXISTS(SELECT …)` as a ConditionCheck), all or
/// nothing. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteTransaction.html
/// Texts captured from the service: nubo-db dynamodb-conformance
/// tests/tier3/error-messages/partiql*.test.ts; DynamoDB Local's ExecuteTransactionFunction.
struct ExecuteTransaction: DynamoOperation {
    static let name = "ExecuteTransaction"
    static let readOnly = false

    let statements: [StatementInput]
    let token: String?
    let requestHash: [UInt8]
    let capacityMode: String?

    /// "Validation failed in TransactStatements[i]: …" around what refuses statement `i`.
    static func member(_ i: Int, _ error: DynamoError) -> DynamoError {
        guard error.code == "ValidationException" else { return error }
        return .validation("Validation failed in TransactStatements[\(i)]: \(error.message ?? "")")
    }

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let list = try p.list("TransactStatements")
        c.notNull(list, at: "transactStatements")
        c.memberLength(list?.count, at: "TransactStatements", min: 1, max: 100)
        token = try p.string("ClientRequestToken")
        c.length(token, at: "clientRequestToken", min: 1, max: 36)
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        var members: [StatementInput.Members] = []
        for (i, element) in (list ?? []).enumerated() {
            members.append(try StatementInput.Members(Params.structure(element), path: "transactStatements.\(i + 1).member.", constraints: &c))
        }
        try c.check()
        var out: [StatementInput] = []
        for (i, m) in members.enumerated() {
            let input: StatementInput
            do {
                input = try m.parse()
            } catch {
                throw Self.member(i, error)
            }
            if input.statement.returning != nil {
                throw Self.member(i, .validation("RETURNING clause is not supported in ExecuteTransaction."))
            }
            if input.statement.isRead, input.statement.indexName != nil {
                throw Self.member(i, .validation("Reads on indices are not supported within transactions."))
            }
            out.append(input)
        }
        if out.contains(where: \.statement.isRead) && out.contains(where: { !$0.statement.isRead }) {
            throw .validation("ExecuteTransaction API does not support both read and write operations in the same request.")
        }
        statements = out
        // Everything but the token itself decides whether a repeated token is the same request.
        var canonical = p.json.objectValue ?? []
        canonical.removeAll { $0.0 == "ClientRequestToken" }
        requestHash = Array(sha256Hex(JSONWriter.encode(.object(canonical))).utf8)
    }

    /// One check per statement, each with `dynamodb:EnclosingOperation` ExecuteTransaction
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html, example 4).
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest(statements.map { $0.authorizationCheck(service: service, env: env, enclosing: Self.name) })
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        if statements.first?.statement.isRead == true { return read(service: service, env: env, completion: completion) }
        var writes: [(tableName: String, write: PreparedWrite)] = []
        var tableKeys: [TableKey]
        do throws(DynamoError) {
            for (i, input) in statements.enumerated() {
                let table = try service.requireTable(input.statement.tableName, env: env)
                do throws(DynamoError) {
                    writes.append((input.statement.tableName, try input.writePlan(table)))
                } catch {
                    throw Self.member(i, error)
                }
            }
            tableKeys = try service.resolveWrites(writes, env: env, duplicateMessage: "Transaction request cannot include multiple operations on one item",
                                                  origin: .transaction)
        } catch {
            return completion(.failure(error))
        }
        let inserts = statements.map { $0.statement.kind == .insert }
        let responses: JSONValue = .array(statements.map { _ in .object([]) })
        TransactWriteItems.commit(Array(zip(tableKeys, writes.map(\.write))), token: token, requestHash: requestHash, service: service, env: env,
                                  capacityMode: capacityMode, metricsMode: nil, members: [("Responses", responses)],
                                  reason: { i, error in
                                      // An INSERT's key already exists.
                                      if inserts[i] && error.code == "ConditionalCheckFailedException" {
                                          return ["Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"]
                                      }
                                      return TransactWriteItems.reason(for: error)
                                  }, completion: completion)
    }

    /// A read transaction: every SELECT by its whole key, from one snapshot, each item read
    /// as a transactional read (twice a strongly consistent read's units).
    func read(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            var plans: [(TableDefinition, StatementGetPlan)] = []
            for (i, input) in statements.enumerated() {
                let table = try service.requireTable(input.statement.tableName, env: env)
                do throws(DynamoError) {
                    plans.append((table, try input.getPlan(table, keyMessage: "Select statements within ExecuteTransaction must specify the primary key in the where clause.")))
                } catch {
                    throw Self.member(i, error)
                }
            }
            var responses: [JSONValue] = []
            var tally = MultiTableTally()
            try service.read { reader in
                try reader.snapshot {
                    for (table, plan) in plans {
                        let (item, size) = try plan.read(table, reader: reader)
                        var units = Capacity()
                        units.table = 2 * Capacity.readUnits(bytes: size, consistent: true)
                        tally.add(table.name, units)
                        responses.append(item.map { ["Item": ItemParams.json($0)] } ?? .object([]))
                    }
                }
            }
            return encode(.object([("Responses", .array(responses))]
                + tally.members(capacityMode: capacityMode, metricsMode: nil, unitsMember: "ReadCapacityUnits")))
        }
    }
}
