import DynamoExpressions
import DynamoModel
import DynamoStorage

/// Query — one partition of a table or index, as a single range scan over the
/// order-preserving key encoding. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
struct Query: DynamoOperation {
    static let name = "Query"
    static let readOnly = true

    let read: ReadRequest
    let keyCondition: Condition?
    let legacyKeyConditions: JSONValue?
    let forward: Bool

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var keyCondition: Condition?
        let read = try ReadRequest.decode(p, isQuery: true, constraints: { _ throws(DynamoError) in }, afterConstraints: { () throws(DynamoError) in
            if !p.has("KeyConditionExpression") && !p.has("KeyConditions") {
                throw .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
            }
        }, ownExpressions: { (expressions: inout RequestExpressions) throws(DynamoError) in
            keyCondition = try expressions.condition(p, "KeyConditionExpression", kind: .keyCondition)
        })
        self.read = read
        self.keyCondition = keyCondition
        legacyKeyConditions = p["KeyConditions"]
        forward = try p.bool("ScanIndexForward") ?? true
    }

    var tableName: String { read.tableName }
    var indexName: String? { read.indexName }
    var run: ReadRun { read.run }
    var startKey: Item? { read.startKey }

    /// `dynamodb:LeadingKeys` "represents the first key attribute of a table — in other words,
    /// the partition key" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
    /// A Query reads exactly one partition of the table or index it names, so the key holds the
    /// value its key condition gives that partition key: on the table and on a local secondary
    /// index (which shares the table's partition key) the table's partition key value; on a
    /// global secondary index the index's own partition key value — the same page's example 5
    /// applies one LeadingKeys condition to a table and its index alike. An own-items policy
    /// that also covers `index/*` therefore refuses a GSI query whose partition is not the
    /// caller's own value instead of letting it read every user's items.
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        var partitionValue: AttributeValue?
        if let table = service.catalog.get(service.tableKey(tableName, env: env)), let plan = try? plan(table) {
            partitionValue = plan.partitionValue
        }
        return read.authorization("dynamodb:Query", partitionValue: partitionValue, keyConditionAttributes: keyConditionAttributes,
                                  service: service, env: env)
    }

    /// The attributes the key condition names (KeyConditionExpression or legacy KeyConditions).
    var keyConditionAttributes: AttributeNameSet {
        if let keyCondition { return keyCondition.topLevelAttributes }
        return AttributeNameSet((legacyKeyConditions?.objectValue ?? []).map { AttributeName($0.0) })
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
