import DynamoExpressions
import DynamoModel
import SigV4

/// TransactWriteItems — up to 100 ConditionCheck/Put/Update/Delete actions, all or nothing in
/// one SQLite transaction. Every condition is checked and every new item computed before
/// anything is written; any failure cancels the whole transaction with one reason per action.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
struct TransactWriteItems: DynamoOperation {
    static let name = "TransactWriteItems"
    static let readOnly = false
    static let maxAggregateBytes = 4 * 1024 * 1024

    struct Action: Sendable {
        var tableName: String
        var write: PreparedWrite
        var iamAction: String
    }

    let actions: [Action]
    let token: String?
    let requestHash: [UInt8]
    let capacityMode: String?
    let metricsMode: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        // Member constraints, in the order DynamoDB reports them together (the token first).
        var c = Constraints()
        token = try p.string("ClientRequestToken")
        c.length(token, at: "clientRequestToken", min: 1, max: 36)
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        metricsMode = try ReturnOptions.itemCollectionMetrics(p, constraints: &c)
        let items = try p.list("TransactItems")
        c.notNull(items, at: "transactItems")
        c.memberLength(items?.count, at: "TransactItems", min: 1, max: 100)
        try c.check()
        var out: [Action] = []
        for (i, element) in (items ?? []).enumerated() {
            let e = try Params.structure(element)
            let kinds = ["ConditionCheck", "Put", "Delete", "Update"].filter { e.has($0) }
            guard kinds.count == 1, let kind = kinds.first, let a = try e.structure(kind) else {
                throw .validation("TransactItems can only contain one of Check, Put, Update or Delete")
            }
            var c2 = Constraints()
            let path = "transactItems.\(i + 1).member.\(kind.prefix(1).lowercased() + kind.dropFirst())"
            let tableName = try TableNameParam.read(a, constraints: &c2, path: "\(path).tableName")
            let onFailure = try a.string("ReturnValuesOnConditionCheckFailure")
            c2.oneOf(onFailure, at: "\(path).returnValuesOnConditionCheckFailure", ["ALL_OLD", "NONE"])
            var expressions = try RequestExpressions(a)
            let write: PreparedWrite
            switch kind {
            case "Put":
                let item = try ItemParams.item(a, "Item", path: "\(path).item", constraints: &c2)
                try c2.check()
                write = PreparedWrite(key: item, action: .put(item))
            case "Update":
                let key = try ItemParams.item(a, "Key", path: "\(path).key", constraints: &c2)
                if !a.has("UpdateExpression") { c2.notNull(nil as String?, at: "\(path).updateExpression") }
                try c2.check()
                write = PreparedWrite(key: key, action: .update(try expressions.update(a)))
            case "Delete":
                let key = try ItemParams.item(a, "Key", path: "\(path).key", constraints: &c2)
                try c2.check()
                write = PreparedWrite(key: key, action: .delete)
            default:
                let key = try ItemParams.item(a, "Key", path: "\(path).key", constraints: &c2)
                if !a.has("ConditionExpression") { c2.notNull(nil as String?, at: "\(path).conditionExpression") }
                try c2.check()
                write = PreparedWrite(key: key, action: .check)
            }
            var prepared = write
            prepared.condition = try expressions.condition(a, "ConditionExpression", kind: .condition)
            prepared.returnOnFailure = onFailure
            try expressions.finish()
            let iam = ["Put": "dynamodb:PutItem", "Update": "dynamodb:UpdateItem", "Delete": "dynamodb:DeleteItem"][kind] ?? "dynamodb:ConditionCheckItem"
            out.append(Action(tableName: tableName, write: prepared, iamAction: iam))
        }
        // "The aggregate size of the items in the transaction cannot exceed 4 MB" (API
        // reference): Put items count whole, the other actions their keys. The service's text
        // for it is not documented; this is the one peers that test against it use.
        let aggregate = out.reduce(0) { total, a in
            if case .put(let item) = a.write.action { return total + ItemSize.of(item) }
            return total + ItemSize.of(a.write.key)
        }
        if aggregate > Self.maxAggregateBytes { throw .validation("Transaction item size has exceeded the 4 MB limit") }
        actions = out
        // Everything but the token itself decides whether a repeated token is the same request.
        var canonical = p.json.objectValue ?? []
        canonical.removeAll { $0.0 == "ClientRequestToken" }
        requestHash = Array(sha256Hex(JSONWriter.encode(.object(canonical))).utf8)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest(actions.map { a in
            let tableKey = service.tableKey(a.tableName, env: env)
            var fgac = ItemAccess.write(a.write, table: service.catalog.get(tableKey), returnValues: nil, capacityMode: capacityMode)
            fgac.enclosingOperation = "TransactWriteItems"
            return AuthorizationCheck(action: a.iamAction, resource: service.tableArn(a.tableName, env: env),
                                      resourceAccount: tableKey.account, fgac: fgac)
        })
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let tableKeys: [TableKey]
        do {
            tableKeys = try service.resolveWrites(actions.map { ($0.tableName, $0.write) }, env: env,
                                                  duplicateMessage: "Transaction request cannot include multiple operations on one item",
                                                  origin: .transaction)
        } catch {
            return completion(.failure(error))
        }
        Self.commit(Array(zip(tableKeys, actions.map(\.write))), token: token, requestHash: requestHash, service: service, env: env,
                    capacityMode: capacityMode, metricsMode: metricsMode, completion: completion)
    }

    /// The all-or-nothing write of TransactWriteItems and ExecuteTransaction, in one SQLite
    /// transaction: every condition checked and every new item computed first, then every
    /// write made — or none, with one cancellation reason per action (`reason` words an
    /// action's failure; `members` come first in the answer). A ClientRequestToken seen within
    /// ten minutes replays the first answer.
    static func commit(_ work: [(TableKey, PreparedWrite)], token: String?, requestHash: [UInt8], service: DynamoService, env: RequestEnvironment,
                       capacityMode: String?, metricsMode: String?, members leading: [(String, JSONValue)] = [],
                       reason: @escaping @Sendable (Int, DynamoError) -> JSONValue = { reason(for: $1) }, completion: @escaping Completion) {
        if let token {
            switch service.idempotency.begin(token, hash: requestHash, now: env.now) {
            case .new: break
            case .replay(let response): return completion(.success(response))
            case .inProgress: return completion(.failure(.transactionInProgress()))
            case .mismatch: return completion(.failure(.idempotentMismatch()))
            }
        }
        service.store.write({ writer throws -> ResponseBody in
            // Phase 1: every condition and every new item, without writing.
            var staged: [(TableDefinition, PreparedWrite, EncodedKey, Item?)] = []
            var reasons: [JSONValue] = []
            var failed = false
            for (i, (tableKey, write)) in work.enumerated() {
                guard let table = service.catalog.get(tableKey) else { throw DynamoError.resourceNotFound() }
                do {
                    try write.checkKeyTypes(table)
                    let (encoded, old) = try write.checkCondition(table, writer: writer)
                    _ = try write.newItem(old: old, table: table)
                    staged.append((table, write, encoded, old))
                    reasons.append(["Code": "None"])
                } catch let error as DynamoError {
                    failed = true
                    reasons.append(reason(i, error))
                }
            }
            if failed { throw DynamoError.transactionCanceled(reasons) }
            // Phase 2: write everything.
            var tally = MultiTableTally()
            for (table, write, encoded, old) in staged {
                let outcome = try write.apply(table, encoded: encoded, old: old, writer: writer, now: env.now)
                tally.add(table.name, outcome.capacity.scaled(2), metrics: try WriteSupport.itemCollectionMetrics(
                    table, key: encoded, keyItem: write.key, mode: metricsMode, reader: writer.reader))
            }
            return encode(.object(leading + tally.members(capacityMode: capacityMode, metricsMode: metricsMode, unitsMember: "WriteCapacityUnits")))
        }, completion: { result in
            switch result {
            case .success(let body):
                if let token { service.idempotency.finish(token, response: body) }
                completion(.success(body))
            case .failure(let error):
                if let token { service.idempotency.finish(token, response: nil) }
                completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }

    /// A cancellation reason as DynamoDB reports it for one action.
    static func reason(for error: DynamoError) -> JSONValue {
        if error.code == "ConditionalCheckFailedException" {
            var m: [(String, JSONValue)] = [("Code", "ConditionalCheckFailed"), ("Message", "The conditional request failed")]
            if let item = error.extra.first(where: { $0.0 == "Item" })?.1 { m.append(("Item", item)) }
            return .object(m)
        }
        return ["Code": "ValidationError", "Message": .string(error.message ?? "")]
    }
}
