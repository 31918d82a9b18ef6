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

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        var leading: [String: [String]] = [:]
        if let table = service.catalog.get(service.tableKey(tableName, env: env)), let plan = try? plan(table) {
            // LeadingKeys is the partition key of the table itself (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
            // An index query carries it when the index's partition key fixes the table's partition
            // key by equality: the index's partition key is the table's, or (multi-attribute keys)
            // one of its attributes is.
            let schema = indexName.flatMap { table.index(named: $0)?.keySchema } ?? table.keySchema
            if let position = schema.partitionAttributes.firstIndex(where: { $0.name == table.keySchema.partitionKey }),
               let v = ItemParams.conditionValue(plan.partitionValues[position]) {
                leading["dynamodb:LeadingKeys"] = [v]
            }
        }
        return read.authorization("dynamodb:Query", leadingKeys: leading, service: service, env: env)
    }

    /// The key condition against the key schema of the table or index queried.
    func plan(_ table: TableDefinition) throws(DynamoError) -> KeyConditionPlan {
        let schema = indexName.flatMap { table.index(named: $0)?.keySchema } ?? table.keySchema
        let partition = schema.partitionAttributes.map { KeySchemaAttribute($0.name, $0.type.rawValue) }
        let sort = schema.sortAttributes.map { KeySchemaAttribute($0.name, $0.type.rawValue) }
        if let keyCondition {
            return try KeyConditionPlan.plan(keyCondition, partition: partition, sort: sort)
        }
        if schema.isMultiAttribute {
            return try Legacy.keyConditions(legacyKeyConditions ?? .object([]), partition: partition, sort: sort)
        }
        return try Legacy.keyConditions(legacyKeyConditions ?? .object([]), partitionKey: schema.partitionKey, sortKey: schema.sortKey,
                                         partitionKeyType: schema.partitionType.rawValue, sortKeyType: schema.sortType?.rawValue)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let table = try service.requireTable(tableName, env: env)
            let index = try run.index(indexName, table: table)
            let schema = index?.keySchema ?? table.keySchema
            let plan = try plan(table)
            // Key attributes of what is queried belong in the key condition, not the filter.
            if let filter = run.filter, let name = schema.attributeNames.first(where: filter.topLevelAttributes.contains) {
                throw .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: \(name)")
            }
            try ReadRun.checkStartKey(startKey, table: table, index: index)
            if let startKey { try QueryRange.checkStart(startKey, plan: plan, schema: schema) }
            let pk = KeyCodec.encode(values: plan.partitionValues)
            let range = QueryRange.range(plan, schema: schema)
            var page = ReadRun.Page(run: run, table: table, index: index)
            try service.read { reader in
                if let index {
                    let after = startKey.map { k in
                        (isk: IndexKey.encode(k, schema: schema)?.isk ?? [], pk: KeyCodec.encode(k[table.keySchema.partitionKey]!),
                         sk: table.keySchema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [])
                    }
                    try reader.queryIndex(iid: index.storageId, ipk: pk, range: range, forward: forward, startAfter: after) { row in
                        try page.add(row.item, size: row.size) { try ReadRun.fetch(row, table: table, reader: reader) }
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
}
