import DynamoExpressions
import DynamoModel
import DynamoStorage

/// Scan — every item of a table or index in key order, optionally one segment of a parallel
/// scan. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
struct Scan: DynamoOperation {
    static let name = "Scan"
    static let readOnly = true

    let tableName: String
    let indexName: String?
    let run: ReadRun
    let startKey: Item?
    let segment: Int?
    let totalSegments: Int?
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
        let segment = try p.int("Segment")
        let total = try p.int("TotalSegments")
        c.atLeast(segment, at: "segment", 0)
        c.atMost(segment, at: "segment", 999_999)
        c.atLeast(total, at: "totalSegments", 1)
        c.atMost(total, at: "totalSegments", 1_000_000)
        let capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        try c.check()
        if segment != nil && total == nil {
            throw .validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
        }
        if total != nil && segment == nil {
            throw .validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
        }
        if let segment, let total, segment >= total {
            throw .validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(segment) is not less than TotalSegments: \(total)")
        }
        try Legacy.checkNotMixed(request: p.json, legacy: ["ScanFilter", "AttributesToGet", "ConditionalOperator"],
                                 expression: ["FilterExpression", "ProjectionExpression"])
        var expressions = try RequestExpressions(p)
        var filter = try expressions.condition(p, "FilterExpression", kind: .filter)
        if let scanFilter = p["ScanFilter"] {
            filter = try Legacy.filter(scanFilter, conditionalOperator: p.string("ConditionalOperator"), kind: .scanFilter)
        }
        var projection = try expressions.projection(p)
        if let attributesToGet = p["AttributesToGet"] { projection = try Legacy.attributesToGet(attributesToGet) }
        try expressions.finish()
        let consistent = try p.bool("ConsistentRead") ?? false
        try ReadRun.checkSelect(select, hasProjection: projection != nil, indexName: indexName, isQuery: false)
        run = ReadRun(filter: filter, projection: projection, select: select, limit: limit.map(Int.init), consistent: consistent, capacityMode: capacityMode)
        startKey = try ItemParams.optionalItem(p["ExclusiveStartKey"])
        self.segment = segment.map(Int.init)
        totalSegments = total.map(Int.init)
        attributes = expressions.topLevelAttributes.union(projection?.topLevelAttributes ?? [])
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let tableKey = service.tableKey(tableName, env: env)
        let tableArn = service.tableArn(tableName, env: env)
        // A Scan carries no dynamodb:LeadingKeys — the documented reason ForAllValues
        // conditions on it must be paired with a Scan deny.
        var keys: [String: [String]] = [:]
        if run.projection != nil { keys["dynamodb:Attributes"] = attributes.sorted() }
        keys["dynamodb:Select"] = [ReadSelect.query(run.select, projection: run.projection != nil, index: indexName != nil)]
        if let mode = run.capacityMode { keys["dynamodb:ReturnConsumedCapacity"] = [mode] }
        let resource = indexName.map { "\(tableArn)/index/\($0)" } ?? tableArn
        return AuthorizationRequest([AuthorizationCheck(action: "dynamodb:Scan", resource: resource, resourceAccount: tableKey.account,
                                                        policyResource: tableArn, keys: keys)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let table = try service.requireTable(tableName, env: env)
            let index = try ReadRun.index(indexName, table: table, select: run.select, consistent: run.consistent)
            try ReadRun.checkStartKey(startKey, table: table, index: index)
            var page = ReadRun.Page(run: run, table: table, index: index)
            let segment = self.segment, total = self.totalSegments
            func inSegment(_ pk: [UInt8]) -> Bool {
                guard let segment, let total else { return true }
                return KeyCodec.segment(of: pk, total: total) == segment
            }
            try service.read { reader in
                if let index {
                    let schema = index.keySchema
                    let after = startKey.map { k in
                        (ipk: KeyCodec.encode(k[schema.partitionKey]!), isk: schema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [],
                         pk: KeyCodec.encode(k[table.keySchema.partitionKey]!), sk: table.keySchema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [])
                    }
                    try reader.scanIndex(iid: index.storageId, startAfter: after) { row in
                        guard inSegment(row.ipk) else { return true }
                        return try page.add(row.item, size: row.size) {
                            try reader.item(tid: table.storageId, pk: row.pk, sk: row.sk).map(ItemWrite.decode)
                        }
                    }
                } else {
                    let after = startKey.map { k in
                        (pk: KeyCodec.encode(k[table.keySchema.partitionKey]!), sk: table.keySchema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [])
                    }
                    try reader.scanTable(tid: table.storageId, startAfter: after) { row in
                        guard inSegment(row.pk) else { return true }
                        return try page.add(row.item, size: row.size) { nil }
                    }
                }
            }
            return page.response()
        }
    }
}
