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
            // A multi-attribute partition key names its partition with every attribute; the key
            // holds the first one's value, the "first key attribute" (AWS's pages do not say
            // more for multi-attribute keys).
            partitionValue = plan.partitionValues.first
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
