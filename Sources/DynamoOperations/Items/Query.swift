import DynamoExpressions
import DynamoModel
import DynamoStorage

/// Query — one partition of a table or index, as a single range scan over the
/// order-preserving key encoding. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
struct Query: DynamoOperation {
    static let name = "Query"
    static let readOnly = true

    let tableName: String
    let indexName: String?
    let keyCondition: Condition?
    let legacyKeyConditions: JSONValue?
    let run: ReadRun
    let forward: Bool
    let startKey: Item?
    let attributes: Set<String>

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        indexName = try p.string("IndexName")
        if let indexName { c.tableName(indexName, at: "indexName") }
        let select = try p.string("Select")
        c.oneOf(select, at: "select", ["SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"])
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        let capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        try c.check()
        try Legacy.checkNotMixed(request: p.json, legacy: ["KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator"],
                                 expression: ["KeyConditionExpression", "FilterExpression", "ProjectionExpression"])
        if !p.has("KeyConditionExpression") && !p.has("KeyConditions") {
            throw .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        var expressions = try RequestExpressions(p)
        keyCondition = try expressions.condition(p, "KeyConditionExpression", kind: .keyCondition)
        legacyKeyConditions = p["KeyConditions"]
        var filter = try expressions.condition(p, "FilterExpression", kind: .filter)
        if let queryFilter = p["QueryFilter"] {
            filter = try Legacy.filter(queryFilter, conditionalOperator: p.string("ConditionalOperator"), kind: .queryFilter)
        }
        var projection = try expressions.projection(p)
        if let attributesToGet = p["AttributesToGet"] { projection = try Legacy.attributesToGet(attributesToGet) }
        try expressions.finish()
        let consistent = try p.bool("ConsistentRead") ?? false
        try ReadRun.checkSelect(select, hasProjection: projection != nil, indexName: indexName, isQuery: true)
        run = ReadRun(filter: filter, projection: projection, select: select, limit: limit.map(Int.init), consistent: consistent, capacityMode: capacityMode)
        forward = try p.bool("ScanIndexForward") ?? true
        startKey = try ItemParams.optionalItem(p["ExclusiveStartKey"])
        attributes = expressions.topLevelAttributes.union(projection?.topLevelAttributes ?? [])
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let tableKey = service.tableKey(tableName, env: env)
        let tableArn = service.tableArn(tableName, env: env)
        var keys: [String: [String]] = [:]
        if let table = service.catalog.get(tableKey), let plan = try? plan(table) {
            // LeadingKeys is the partition key of the table itself (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
            if indexName == nil || table.index(named: indexName!)?.keySchema.partitionKey == table.keySchema.partitionKey,
               let v = ItemParams.conditionValue(plan.partitionValue) {
                keys["dynamodb:LeadingKeys"] = [v]
            }
        }
        if run.projection != nil { keys["dynamodb:Attributes"] = attributes.sorted() }
        keys["dynamodb:Select"] = [ReadSelect.query(run.select, projection: run.projection != nil, index: indexName != nil)]
        if let mode = run.capacityMode { keys["dynamodb:ReturnConsumedCapacity"] = [mode] }
        let resource = indexName.map { "\(tableArn)/index/\($0)" } ?? tableArn
        return AuthorizationRequest([AuthorizationCheck(action: "dynamodb:Query", resource: resource, resourceAccount: tableKey.account,
                                                        policyResource: tableArn, keys: keys)])
    }

    /// The key condition against the key schema of the table or index queried.
    func plan(_ table: TableDefinition) throws(DynamoError) -> KeyConditionPlan {
        let schema = indexName.flatMap { table.index(named: $0)?.keySchema } ?? table.keySchema
        if let keyCondition {
            return try KeyConditionPlan.plan(keyCondition, partitionKey: schema.partitionKey, sortKey: schema.sortKey,
                                             partitionKeyType: schema.partitionType.rawValue, sortKeyType: schema.sortType?.rawValue)
        }
        return try Legacy.keyConditions(legacyKeyConditions ?? .object([]), partitionKey: schema.partitionKey, sortKey: schema.sortKey,
                                         partitionKeyType: schema.partitionType.rawValue, sortKeyType: schema.sortType?.rawValue)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let table = try service.requireTable(tableName, env: env)
            let index = try ReadRun.index(indexName, table: table, select: run.select, consistent: run.consistent)
            let schema = index?.keySchema ?? table.keySchema
            let plan = try plan(table)
            // Key attributes of what is queried belong in the key condition, not the filter.
            if let filter = run.filter, let name = schema.attributeNames.first(where: filter.topLevelAttributes.contains) {
                throw .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: \(name)")
            }
            try ReadRun.checkStartKey(startKey, table: table, index: index)
            let pk = KeyCodec.encode(plan.partitionValue)
            let range = Query.range(plan.sortCondition, type: schema.sortType)
            var page = ReadRun.Page(run: run, table: table, index: index)
            try service.read { reader in
                if let index {
                    let after = startKey.map { k in
                        (isk: schema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [], pk: KeyCodec.encode(k[table.keySchema.partitionKey]!),
                         sk: table.keySchema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [])
                    }
                    try reader.queryIndex(iid: index.storageId, ipk: pk, range: range, forward: forward, startAfter: after) { row in
                        try page.add(row.item, size: row.size) {
                            try reader.item(tid: table.storageId, pk: row.pk, sk: row.sk).map(ItemWrite.decode)
                        }
                    }
                } else {
                    let after = startKey.map { k in table.keySchema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [] }
                    try reader.queryTable(tid: table.storageId, pk: pk, range: range, forward: forward, startAfter: after) { row in
                        try page.add(row.item, size: row.size) { nil }
                    }
                }
            }
            return page.response()
        }
    }

    /// A sort-key condition as a range over the encoded sort key.
    static func range(_ condition: SortKeyCondition?, type: ScalarType?) -> KeyRange {
        guard let condition else { return .all }
        switch condition {
        case .equal(let v): let e = KeyCodec.encode(v); return KeyRange(lower: e, upper: e)
        case .less(let v): return KeyRange(upper: KeyCodec.encode(v), upperInclusive: false)
        case .lessOrEqual(let v): return KeyRange(upper: KeyCodec.encode(v))
        case .greater(let v): return KeyRange(lower: KeyCodec.encode(v), lowerInclusive: false)
        case .greaterOrEqual(let v): return KeyRange(lower: KeyCodec.encode(v))
        case .between(let lo, let hi): return KeyRange(lower: KeyCodec.encode(lo), upper: KeyCodec.encode(hi))
        case .beginsWith(let v):
            let prefix = KeyCodec.encode(v)
            return KeyRange(lower: prefix, upper: KeyCodec.prefixSuccessor(prefix), upperInclusive: false)
        }
    }
}
