import DynamoExpressions
import DynamoModel

/// TransactGetItems — up to 100 Gets read from one consistent snapshot.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
struct TransactGetItems: DynamoOperation {
    static let name = "TransactGetItems"
    static let readOnly = true

    struct Get: Sendable {
        var tableName: String
        var key: Item
        var projection: Projection?
    }

    let gets: [Get]
    let capacityMode: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        let items = try p.list("TransactItems")
        c.notNull(items, at: "transactItems")
        c.memberLength(items?.count, at: "TransactItems", min: 1, max: 100)
        try c.check()
        var out: [Get] = []
        for (i, element) in (items ?? []).enumerated() {
            let e = try Params.structure(element)
            guard let g = try e.structure("Get") else {
                throw .validation("1 validation error detected: Value null at 'transactItems.\(i + 1).member.get' failed to satisfy constraint: Member must not be null")
            }
            var c2 = Constraints()
            let path = "transactItems.\(i + 1).member.get"
            let tableName = try TableNameParam.read(g, constraints: &c2, path: "\(path).tableName")
            let key = try ItemParams.item(g, "Key", path: "\(path).key", constraints: &c2)
            try c2.check()
            var expressions = try RequestExpressions(g)
            let projection = try expressions.projection(g)
            try expressions.finish()
            out.append(Get(tableName: tableName, key: key, projection: projection))
        }
        gets = out
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest(gets.map { g in
            let tableKey = service.tableKey(g.tableName, env: env)
            var fgac = ItemAccess.get(key: g.key, projection: g.projection, table: service.catalog.get(tableKey), capacityMode: capacityMode)
            fgac.enclosingOperation = "TransactGetItems"
            return AuthorizationCheck(action: "dynamodb:GetItem", resource: service.tableArn(g.tableName, env: env),
                                      resourceAccount: tableKey.account, fgac: fgac)
        })
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            var resolved: [(TableDefinition, Get, EncodedKey)] = []
            var seen = Set<String>()
            for g in gets {
                let table = try service.requireTable(g.tableName, env: env)
                try ItemKey.validateKey(g.key, table: table)
                let key = ItemKey.encode(g.key, schema: table.keySchema)
                if !seen.insert("\(table.storageId)/\(Base64.encode(key.pk))/\(Base64.encode(key.sk))").inserted {
                    throw .validation("Transaction request cannot include multiple operations on one item")
                }
                resolved.append((table, g, key))
            }
            var responses: [JSONValue] = []
            var tally = MultiTableTally()
            try service.read { reader in
                try reader.snapshot {
                    for (table, g, key) in resolved {
                        let row = try reader.itemRow(tid: table.storageId, pk: key.pk, sk: key.sk)
                        var units = Capacity()
                        units.table = 2 * Capacity.readUnits(bytes: row?.size ?? 0, consistent: true)
                        tally.add(table.name, units)
                        if let row {
                            var item = try ItemWrite.decode(row.item)
                            if let projection = g.projection { item = projection.apply(to: item) }
                            responses.append(["Item": ItemParams.json(item)])
                        } else {
                            responses.append(.object([]))
                        }
                    }
                }
            }
            let members: [(String, JSONValue)] = [("Responses", .array(responses))]
                + tally.members(capacityMode: capacityMode, metricsMode: nil, unitsMember: "ReadCapacityUnits")
            return encode(.object(members))
        }
    }
}
