import DynamoExpressions
import DynamoModel
import Synchronization

/// BatchExecuteStatement — up to 25 PartiQL statements, all reads or all writes, each run on
/// its own: a SELECT by its whole key as GetItem reads, an INSERT, UPDATE or DELETE as
/// ExecuteStatement writes it. A statement that fails — unreadable, refused, denied, its
/// condition false — answers an `Error` in its own response; the request itself succeeds.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html
/// Texts captured from the service: moto's aws-verified test_dynamodb_statements.py, nubo-db
/// dynamodb-conformance tests/tier2/partiql/batchExecuteStatement.test.ts; DynamoDB Local's
/// BatchExecuteStatementFunction.
struct BatchExecuteStatement: DynamoOperation {
    static let name = "BatchExecuteStatement"
    static let readOnly = false
    static let readNeedsKey = "Select statements within BatchExecuteStatement must specify the primary key in the where clause."

    /// A statement that could be read, or why not.
    enum Entry: Sendable {
        case statement(StatementInput)
        case refused(DynamoError)
    }

    let entries: [Entry]
    let capacityMode: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let list = try p.list("Statements")
        c.notNull(list, at: "statements")
        c.memberLength(list?.count, at: "Statements", min: 1, max: 25)
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        var members: [StatementInput.Members] = []
        for (i, element) in (list ?? []).enumerated() {
            members.append(try StatementInput.Members(Params.structure(element), path: "statements.\(i + 1).member.", constraints: &c))
        }
        try c.check()
        entries = members.map { m in
            do throws(DynamoError) {
                let input = try m.parse()
                if input.statement.kind == .exists { throw .validation("EXISTS can only be used in ExecuteTransaction write requests.") }
                return .statement(input)
            } catch {
                return .refused(error)
            }
        }
        let kinds = Set(entries.compactMap { entry -> Bool? in
            if case .statement(let input) = entry { return input.statement.isRead }
            return nil
        })
        if kinds.count > 1 { throw .validation("Read and write requests together in the same batch is not supported.") }
    }

    var statements: [StatementInput] {
        entries.compactMap { if case .statement(let input) = $0 { return input } else { return nil } }
    }

    /// One check per statement that could be read, in order; each is decided on its own.
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest(statements.map { $0.authorizationCheck(service: service, env: env) }, independent: true)
    }

    /// What becomes of one statement.
    enum Outcome: Sendable {
        case item(tableName: String, Item?)
        case failed(tableName: String?, DynamoError)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        // The statements that may run, with their index among the checks.
        var work: [(position: Int, input: StatementInput)] = []
        var outcomes: [Outcome?] = Array(repeating: nil, count: entries.count)
        var check = 0
        for (position, entry) in entries.enumerated() {
            switch entry {
            case .refused(let error):
                outcomes[position] = .failed(tableName: nil, error)
            case .statement(let input):
                if let message = env.deniedChecks[check] {
                    outcomes[position] = .failed(tableName: input.statement.tableName, .accessDenied(message))
                } else {
                    work.append((position, input))
                }
                check += 1
            }
        }
        let capacityMode = self.capacityMode
        if statements.first?.statement.isRead == true {
            var tally = MultiTableTally()
            do {
                try read(work, service: service, env: env, outcomes: &outcomes, tally: &tally)
            } catch {
                return completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
            return completion(.success(Self.response(outcomes, tally: tally, capacityMode: capacityMode)))
        }
        let box = WriteResults(outcomes)
        write(work[...], service: service, env: env, results: box) {
            let (outcomes, tally) = box.finish()
            completion(.success(Self.response(outcomes, tally: tally, capacityMode: capacityMode)))
        }
    }

    /// The reads, each by its whole key, as GetItem reads them.
    private func read(_ work: [(position: Int, input: StatementInput)], service: DynamoService, env: RequestEnvironment,
                      outcomes: inout [Outcome?], tally: inout MultiTableTally) throws {
        var plans: [(Int, String, TableDefinition, StatementGetPlan, consistent: Bool)] = []
        for (position, input) in work {
            let name = input.statement.tableName
            guard let table = try? service.requireTable(name, env: env) else {
                outcomes[position] = .failed(tableName: nil, .resourceNotFound())
                continue
            }
            do {
                plans.append((position, name, table, try input.getPlan(table, keyMessage: Self.readNeedsKey), input.consistent))
            } catch {
                outcomes[position] = .failed(tableName: name, error)
            }
        }
        try service.read { reader in
            for (position, name, table, plan, consistent) in plans {
                let (item, size) = try plan.read(table, reader: reader)
                var units = Capacity()
                units.table = Capacity.readUnits(bytes: size, consistent: consistent)
                tally.add(table.name, units)
                outcomes[position] = .item(tableName: name, item)
            }
        }
    }

    /// The writes, one after the other, each as ExecuteStatement writes it.
    private func write(_ work: ArraySlice<(position: Int, input: StatementInput)>, service: DynamoService, env: RequestEnvironment,
                       results: WriteResults, done: @escaping @Sendable () -> Void) {
        guard let (position, input) = work.first else { return done() }
        let rest = work.dropFirst()
        let name = input.statement.tableName
        let next: @Sendable (Outcome, (String, Capacity)?) -> Void = { outcome, units in
            results.record(position, outcome, units: units)
            self.write(rest, service: service, env: env, results: results, done: done)
        }
        let table: TableDefinition
        let planned: PreparedWrite
        do {
            table = try service.requireTable(name, env: env)
        } catch {
            return next(.failed(tableName: nil, error), nil)
        }
        do {
            planned = try input.writePlan(table)
        } catch {
            return next(.failed(tableName: name, error), nil)
        }
        input.runWrite(planned, tableKey: service.tableKey(name, env: env), service: service, env: env) { result in
            switch result {
            case .success(let (item, capacity)): next(.item(tableName: name, item.flatMap { $0.isEmpty ? nil : $0 }), (table.name, capacity))
            case .failure(let error): next(.failed(tableName: name, error), nil)
            }
        }
    }

    /// The outcomes of the writes as they complete (on the writer thread, one at a time).
    final class WriteResults: Sendable {
        private let state: Mutex<([Outcome?], MultiTableTally)>

        init(_ outcomes: [Outcome?]) { state = Mutex((outcomes, MultiTableTally())) }

        func record(_ position: Int, _ outcome: Outcome, units: (String, Capacity)?) {
            state.withLock { s in
                s.0[position] = outcome
                if let (table, capacity) = units { s.1.add(table, capacity) }
            }
        }

        func finish() -> ([Outcome?], MultiTableTally) { state.withLock { $0 } }
    }

    /// `Responses`, one per statement in order, and the capacity of what ran.
    static func response(_ outcomes: [Outcome?], tally: MultiTableTally, capacityMode: String?) -> ResponseBody {
        let responses: [JSONValue] = outcomes.map { outcome in
            switch outcome {
            case .item(let tableName, let item)?:
                var m: [(String, JSONValue)] = [("TableName", .string(tableName))]
                if let item { m.append(("Item", ItemParams.json(item))) }
                return .object(m)
            case .failed(let tableName, let error)?:
                var m: [(String, JSONValue)] = [("Error", statementError(error))]
                if let tableName, error.code != "ResourceNotFoundException" { m.append(("TableName", .string(tableName))) }
                return .object(m)
            case nil:
                return .object([])
            }
        }
        return encode(.object([("Responses", .array(responses))] + tally.members(capacityMode: capacityMode, metricsMode: nil)))
    }

    /// A failed statement's `Error`: BatchStatementErrorCodeEnum's code for the exception,
    /// its message, and the item a failed condition returns (ReturnValuesOnConditionCheckFailure).
    static func statementError(_ error: DynamoError) -> JSONValue {
        let codes = ["ConditionalCheckFailedException": "ConditionalCheckFailed", "DuplicateItemException": "DuplicateItem",
                     "ResourceNotFoundException": "ResourceNotFound", "ValidationException": "ValidationError",
                     "AccessDeniedException": "AccessDenied", "TransactionConflictException": "TransactionConflict",
                     "ItemCollectionSizeLimitExceededException": "ItemCollectionSizeLimitExceeded"]
        var m: [(String, JSONValue)] = [("Code", .string(codes[error.code] ?? "InternalServerError")), ("Message", .string(error.message ?? ""))]
        if let item = error.extra.first(where: { $0.0 == "Item" })?.1 { m.append(("Item", item)) }
        return .object(m)
    }
}
