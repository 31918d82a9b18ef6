import DynamoExpressions
import DynamoModel

/// GetItem — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
/// The hot path: one point read on the caller's thread; without a projection the stored item
/// bytes are spliced into the response as they are.
struct GetItem: DynamoOperation {
    static let name = "GetItem"
    static let readOnly = true

    let tableName: String
    let key: Item
    let consistent: Bool
    let projection: Projection?
    let capacityMode: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        key = try ItemParams.item(p, "Key", path: "key", constraints: &c)
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        try c.check()
        consistent = try p.bool("ConsistentRead") ?? false
        try Legacy.checkNotMixed(request: p.json, legacy: ["AttributesToGet"], expression: ["ProjectionExpression"])
        var expressions = try RequestExpressions(p)
        if let attributes = p["AttributesToGet"] {
            projection = try Legacy.attributesToGet(attributes)
        } else {
            projection = try expressions.projection(p)
        }
        try expressions.finish()
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let tableKey = service.tableKey(tableName, env: env)
        let fgac = ItemAccess.get(key: key, projection: projection, table: service.catalog.get(tableKey), capacityMode: capacityMode)
        return AuthorizationRequest([AuthorizationCheck(action: "dynamodb:GetItem", resource: service.tableArn(tableName, env: env),
                                                        resourceAccount: tableKey.account, fgac: fgac)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let table = try service.requireTable(tableName, env: env)
            try ItemKey.validateKey(key, table: table)
            let encoded = ItemKey.encode(key, schema: table.keySchema)
            let row = try service.read { try $0.itemRow(tid: table.storageId, pk: encoded.pk, sk: encoded.sk) }
            var w = JSONWriter(capacity: (row?.item.count ?? 0) + 64)
            w.raw("{")
            var first = true
            if let row {
                w.raw("\"Item\":")
                if let projection {
                    AttributeValueCodec.encodeItem(projection.apply(to: try ItemWrite.decode(row.item)), into: &w)
                } else {
                    w.raw(bytes: row.item)
                }
                first = false
            }
            var capacity = Capacity()
            capacity.table = Capacity.readUnits(bytes: row?.size ?? 0, consistent: consistent)
            if let consumed = capacity.json(tableName: table.name, mode: capacityMode) {
                if !first { w.raw(",") }
                w.raw("\"ConsumedCapacity\":")
                w.write(consumed)
            }
            w.raw("}")
            return w.bytes
        }
    }
}
