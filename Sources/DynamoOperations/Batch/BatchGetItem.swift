import DynamoExpressions
import DynamoModel

/// BatchGetItem — up to 100 keys over several tables, each table with its own projection;
/// keys beyond the 16 MB response limit come back in `UnprocessedKeys`.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
struct BatchGetItem: DynamoOperation {
    static let name = "BatchGetItem"
    static let readOnly = true
    static let maxResponseBytes = 16 * 1024 * 1024

    struct TableRequest: Sendable {
        var tableName: String
        var keys: [Item]
        var projection: Projection?
        var consistent: Bool
        var raw: JSONValue
    }

    let tables: [TableRequest]
    let capacityMode: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        let requestItems = try p.object("RequestItems")
        c.notNull(requestItems, at: "requestItems")
        var entries: [(String, JSONValue, Params, [JSONValue])] = []
        if let requestItems {
            c.memberLength(requestItems.count, at: "RequestItems", min: 1)
            for (name, json) in requestItems {
                c.tableName(name, at: "requestItems.\(name).member.key", minLength: 1, allowArn: true)
                // Texts captured from the service (paritysuite dynamodb-conformance,
                // tests/tier3/error-messages/batchGetItem.test.ts).
                let t = try Params.structure(json)
                let keys = try t.list("Keys") ?? []
                c.memberLength(keys.count, at: "RequestItems.\(name).member.Keys", min: 1, max: 100)
                entries.append((name, json, t, keys))
            }
        }
        try c.check()
        var out: [TableRequest] = []
        var total = 0
        for (tableName, json, t, keys) in entries {
            let decoded = try keys.map { (k) throws(DynamoError) -> Item in try AttributeValueCodec.decodeItem(k) }
            total += decoded.count
            try Legacy.checkNotMixed(request: json, legacy: ["AttributesToGet"], expression: ["ProjectionExpression"])
            var expressions = try RequestExpressions(t)
            var projection = try expressions.projection(t)
            if let attributes = t["AttributesToGet"] { projection = try Legacy.attributesToGet(attributes) }
            try expressions.finish()
            out.append(TableRequest(tableName: tableName, keys: decoded, projection: projection,
                                    consistent: try t.bool("ConsistentRead") ?? false, raw: json))
        }
        if total > 100 { throw .validation("Too many items requested for the BatchGetItem call") }
        tables = out
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        var checks: [AuthorizationCheck] = []
        for t in tables {
            let tableKey = service.tableKey(t.tableName, env: env)
            let table = service.catalog.get(tableKey)
            for key in t.keys {
                let fgac = ItemAccess.get(key: key, projection: t.projection, table: table, capacityMode: capacityMode)
                checks.append(AuthorizationCheck(action: "dynamodb:BatchGetItem", resource: service.tableArn(t.tableName, env: env),
                                                 resourceAccount: tableKey.account, fgac: fgac))
            }
        }
        return AuthorizationRequest(checks)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            var resolved: [(TableDefinition, TableRequest)] = []
            for t in tables {
                let table = try service.requireTable(t.tableName, env: env)
                var seen = Set<EncodedKey>()
                for key in t.keys {
                    try ItemKey.validateKey(key, table: table)
                    if !seen.insert(ItemKey.encode(key, schema: table.keySchema)).inserted {
                        throw .validation("Provided list of item keys contains duplicates")
                    }
                }
                resolved.append((table, t))
            }
            var responses: [(String, JSONValue)] = []
            var unprocessed: [(String, JSONValue)] = []
            var consumed: [JSONValue] = []
            var bytes = 0
            var full = false
            try service.read { reader in
                for (table, t) in resolved {
                    var items: [JSONValue] = []
                    var left: [JSONValue] = []
                    var capacity = Capacity()
                    for key in t.keys {
                        if full {
                            left.append(ItemParams.json(key))
                            continue
                        }
                        let encoded = ItemKey.encode(key, schema: table.keySchema)
                        let row = try reader.itemRow(tid: table.storageId, pk: encoded.pk, sk: encoded.sk)
                        // The answer holds what fits in 16 MB of items read; the key that would
                        // pass it and every later one come back unprocessed, uncharged.
                        if let row, bytes + row.size > BatchGetItem.maxResponseBytes {
                            full = true
                            left.append(ItemParams.json(key))
                            continue
                        }
                        // Each key is charged as its own GetItem (item size rounded up to 4 KB).
                        capacity.table += Capacity.readUnits(bytes: row?.size ?? 0, consistent: t.consistent)
                        guard let row else { continue }
                        bytes += row.size
                        var item = try ItemWrite.decode(row.item)
                        if let projection = t.projection { item = projection.apply(to: item) }
                        items.append(ItemParams.json(item))
                    }
                    responses.append((t.tableName, .array(items)))
                    if !left.isEmpty {
                        var request: [(String, JSONValue)] = t.raw.objectValue?.filter { $0.0 != "Keys" } ?? []
                        request.insert(("Keys", .array(left)), at: 0)
                        unprocessed.append((t.tableName, .object(request)))
                    }
                    if let c = capacity.json(tableName: table.name, mode: capacityMode) { consumed.append(c) }
                }
            }
            var members: [(String, JSONValue)] = [("Responses", .object(responses)), ("UnprocessedKeys", .object(unprocessed))]
            if capacityMode == "TOTAL" || capacityMode == "INDEXES" { members.append(("ConsumedCapacity", .array(consumed))) }
            return encode(.object(members))
        }
    }
}
