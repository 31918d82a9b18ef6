import DynamoExpressions
import DynamoModel

/// BatchWriteItem — up to 25 puts and deletes over several tables, no key twice; all are
/// applied in one transaction, so `UnprocessedItems` is always empty.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
struct BatchWriteItem: DynamoOperation {
    static let name = "BatchWriteItem"
    static let readOnly = false

    struct Request: Sendable {
        var tableName: String
        var write: PreparedWrite
        var isPut: Bool
    }

    let requests: [Request]
    let capacityMode: String?
    let metricsMode: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        metricsMode = try ReturnOptions.itemCollectionMetrics(p, constraints: &c)
        let tables = try p.object("RequestItems")
        c.notNull(tables, at: "requestItems")
        var lists: [(String, [JSONValue])] = []
        if let tables {
            c.memberLength(tables.count, at: "RequestItems", min: 1)
            for (name, list) in tables {
                c.tableName(name, at: "requestItems.\(name).member.key", minLength: 1, allowArn: true)
                let entries = try Params.list(list)
                // Texts captured from the service (paritysuite dynamodb-conformance,
                // tests/tier3/error-messages/batchWriteItem.test.ts).
                if entries.isEmpty {
                    c.fail("{\(name)=[]}", at: "requestItems", "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
                }
                c.memberLength(entries.count, at: "RequestItems.\(name).member", min: 0, max: 25)
                lists.append((name, entries))
            }
        }
        try c.check()
        var out: [Request] = []
        for (tableName, entries) in lists {
            for entry in entries {
                let e = try Params.structure(entry)
                let put = try e.structure("PutRequest")
                let delete = try e.structure("DeleteRequest")
                if (put == nil) == (delete == nil) {
                    throw .validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
                }
                if let put {
                    var c2 = Constraints()
                    let item = try ItemParams.item(put, "Item", path: "requestItems.\(tableName).member.putRequest.item", constraints: &c2)
                    try c2.check()
                    out.append(Request(tableName: tableName, write: PreparedWrite(key: item, action: .put(item)), isPut: true))
                } else if let delete {
                    var c2 = Constraints()
                    let key = try ItemParams.item(delete, "Key", path: "requestItems.\(tableName).member.deleteRequest.key", constraints: &c2)
                    try c2.check()
                    out.append(Request(tableName: tableName, write: PreparedWrite(key: key, action: .delete), isPut: false))
                }
            }
        }
        if out.count > 25 { throw .validation("Too many items requested for the BatchWriteItem call") }
        requests = out
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest(requests.map { r in
            let tableKey = service.tableKey(r.tableName, env: env)
            let fgac = ItemAccess.write(r.write, table: service.catalog.get(tableKey), returnValues: nil, capacityMode: capacityMode)
            return AuthorizationCheck(action: r.isPut ? "dynamodb:PutItem" : "dynamodb:DeleteItem",
                                      resource: service.tableArn(r.tableName, env: env), resourceAccount: tableKey.account, fgac: fgac)
        })
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let tableKeys: [TableKey]
        do {
            tableKeys = try service.resolveWrites(requests.map { ($0.tableName, $0.write) }, env: env,
                                                  duplicateMessage: "Provided list of item keys contains duplicates", origin: .batch)
        } catch {
            return completion(.failure(error))
        }
        let capacityMode = self.capacityMode, metricsMode = self.metricsMode
        let work = Array(zip(tableKeys, requests))
        service.store.write({ writer throws -> JSONValue in
            var tally = MultiTableTally()
            for (tableKey, r) in work {
                guard let table = service.catalog.get(tableKey) else { throw DynamoError.resourceNotFound() }
                let outcome = try r.write.run(table, writer: writer, now: env.now)
                tally.add(table.name, outcome.capacity, metrics: try WriteSupport.itemCollectionMetrics(
                    table, key: outcome.encodedKey, keyItem: r.write.key, mode: metricsMode, reader: writer.reader))
            }
            return .object([("UnprocessedItems", .object([]))] + tally.members(capacityMode: capacityMode, metricsMode: metricsMode))
        }, completion: { result in
            switch result {
            case .success(let json): completion(.success(encode(json)))
            case .failure(let error): completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }
}
