import DynamoModel

extension DynamoService {
    /// Resolves the tables of several single-item writes (batch or transaction), validates
    /// each write against its table, and refuses an item written twice with `duplicateMessage`.
    func resolveWrites(_ writes: [(tableName: String, write: PreparedWrite)], env: RequestEnvironment,
                       duplicateMessage: String, origin: PreparedWrite.Origin) throws(DynamoError) -> [TableKey] {
        var seen = Set<String>()
        var keys: [TableKey] = []
        for (tableName, write) in writes {
            let table = try requireTable(tableName, env: env)
            try write.validate(table, origin: origin)
            // A key of the wrong types (left for the transaction to refuse) names no stored
            // item: it is told apart by its typed wire form.
            let identity: String
            if write.keyMatchesSchema(table) {
                let key = ItemKey.encode(write.key, schema: table.keySchema)
                identity = "\(Base64.encode(key.pk))/\(Base64.encode(key.sk))"
            } else {
                identity = "?" + String(decoding: AttributeValueCodec.encodeItem(ItemKey.keyItem(write.key, schema: table.keySchema)), as: UTF8.self)
            }
            if !seen.insert("\(table.storageId)/\(identity)").inserted {
                throw .validation(duplicateMessage)
            }
            keys.append(tableKey(tableName, env: env))
        }
        return keys
    }
}

/// Per-table capacity and item-collection metrics of a multi-table operation, rendered as the
/// `ConsumedCapacity` list and `ItemCollectionMetrics` map in table order of first use.
struct MultiTableTally {
    private var order: [String] = []
    private var capacity: [String: Capacity] = [:]
    private var metrics: [String: [JSONValue]] = [:]

    mutating func add(_ table: String, _ units: Capacity, metrics m: JSONValue? = nil) {
        if capacity[table] == nil { order.append(table) }
        capacity[table, default: Capacity()].add(units)
        if let m { metrics[table, default: []].append(m) }
    }

    /// Response members; `unitsMember` adds ReadCapacityUnits/WriteCapacityUnits as
    /// transactions report them.
    func members(capacityMode: String?, metricsMode: String?, unitsMember: String? = nil) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = []
        if capacityMode == "TOTAL" || capacityMode == "INDEXES" {
            out.append(("ConsumedCapacity", .array(order.compactMap { name -> JSONValue? in
                guard case .object(var m)? = capacity[name]?.json(tableName: name, mode: capacityMode) else { return nil }
                if let unitsMember { m.insert((unitsMember, Capacity.number(capacity[name]!.total)), at: 2) }
                return .object(m)
            })))
        }
        if metricsMode == "SIZE" {
            out.append(("ItemCollectionMetrics", .object(metrics.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value)) })))
        }
        return out
    }
}
