import DynamoExpressions
import DynamoModel
import DynamoStorage

/// What Query and Scan share: the index or table read, Select and projection rules, the
/// filter applied after Limit, 1 MB pages, and LastEvaluatedKey.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
struct ReadRun: Sendable {
    static let pageBytes = 1024 * 1024

    var filter: Condition?
    var projection: Projection?
    var select: String?
    var limit: Int?
    var consistent: Bool
    var capacityMode: String?

    /// Select / projection parameters, checked as DynamoDB checks them.
    static func checkSelect(_ select: String?, hasProjection: Bool, indexName: String?, isQuery: Bool) throws(DynamoError) {
        switch select {
        case "SPECIFIC_ATTRIBUTES" where !hasProjection:
            let m = "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"
            throw .validation(isQuery ? "1 validation error detected: " + m : m)
        case "ALL_ATTRIBUTES" where hasProjection, "COUNT" where hasProjection, "ALL_PROJECTED_ATTRIBUTES" where hasProjection:
            throw .validation("Cannot specify the AttributesToGet when choosing to get \(select!)")
        case "ALL_PROJECTED_ATTRIBUTES" where indexName == nil:
            throw .validation(isQuery ? "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
                                      : "ALL_PROJECTED_ATTRIBUTES can be used only when scanning an index")
        default:
            break
        }
    }

    /// The index named by IndexName, with DynamoDB's checks on it.
    static func index(_ name: String?, table: TableDefinition, select: String?, consistent: Bool) throws(DynamoError) -> IndexDefinition? {
        guard let name else { return nil }
        guard let index = table.index(named: name) else {
            throw .validation("The table does not have the specified index: \(name)")
        }
        if index.isGlobal && consistent {
            throw .validation("Consistent reads are not supported on global secondary indexes")
        }
        if select == "ALL_ATTRIBUTES" && index.projection.type != .all && index.isGlobal {
            throw .validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index \(name) because its projection type is not ALL")
        }
        return index
    }

    /// Exclusive start keys must hold exactly the table's key (and the index's, for indexes).
    static func checkStartKey(_ start: Item?, table: TableDefinition, index: IndexDefinition?) throws(DynamoError) {
        guard let start else { return }
        var expected = table.keySchema.attributeNames
        if let index { expected += index.keySchema.attributeNames.filter { !expected.contains($0) } }
        guard start.count == expected.count else {
            throw .validation("The provided starting key is invalid: The provided key element does not match the schema")
        }
        for name in expected {
            guard let value = start[name], table.attributeType(name)?.matches(value) == true else {
                throw .validation("The provided starting key is invalid: The provided key element does not match the schema")
            }
        }
    }

    /// The response's key for a row where evaluation stopped.
    static func lastKey(_ item: Item, table: TableDefinition, index: IndexDefinition?) -> Item {
        var key = ItemKey.keyItem(item, schema: table.keySchema)
        if let index { for name in index.keySchema.attributeNames { key[name] = item[name] } }
        return key
    }

    /// Accumulates a page: counts, filters, projects and writes items as they are read.
    struct Page {
        var run: ReadRun
        var table: TableDefinition
        var index: IndexDefinition?
        var items = JSONWriter(capacity: 4096)
        var count = 0
        var scanned = 0
        var bytes = 0
        var lastKey: Item?
        /// A local secondary index answers with the table's item where it lacks attributes
        /// the request reads (DynamoDB fetches them from the table).
        let readsTable: Bool

        init(run: ReadRun, table: TableDefinition, index: IndexDefinition?) {
            self.run = run
            self.table = table
            self.index = index
            if let index, !index.isGlobal, let held = IndexRows.projectedAttributes(index, table: table) {
                let read = (run.filter?.topLevelAttributes ?? []).union(run.projection?.topLevelAttributes ?? [])
                readsTable = run.select == "ALL_ATTRIBUTES" || !read.isSubset(of: held)
            } else {
                readsTable = false
            }
        }

        /// Adds one stored row; false when the page is full (Limit or 1 MB reached).
        mutating func add(_ bytes: [UInt8], size: Int, fetchFullItem: () throws -> Item?) throws -> Bool {
            scanned += 1
            self.bytes += size
            var decoded: Item?
            let needsItem = run.filter != nil || run.projection != nil || readsTable
            if needsItem {
                decoded = readsTable ? try fetchFullItem() ?? ItemWrite.decode(bytes) : try ItemWrite.decode(bytes)
            }
            let keep = try run.filter.map { try $0.evaluate(decoded) } ?? true
            if keep {
                count += 1
                if run.select != "COUNT" {
                    if count > 1 { items.raw(",") }
                    if let projection = run.projection, let decoded {
                        AttributeValueCodec.encodeItem(projection.apply(to: decoded), into: &items)
                    } else if readsTable, let decoded {
                        AttributeValueCodec.encodeItem(decoded, into: &items)
                    } else {
                        items.raw(bytes: bytes)
                    }
                }
            }
            if (run.limit.map { scanned >= $0 } ?? false) || self.bytes >= ReadRun.pageBytes {
                lastKey = ReadRun.lastKey(try decoded ?? ItemWrite.decode(bytes), table: table, index: index)
                return false
            }
            return true
        }

        func response() -> ResponseBody {
            var w = JSONWriter(capacity: items.bytes.count + 128)
            w.raw("{")
            if run.select != "COUNT" {
                w.raw("\"Items\":[")
                w.raw(bytes: items.bytes)
                w.raw("],")
            }
            w.raw("\"Count\":")
            w.bytes.append(contentsOf: String(count).utf8)
            w.raw(",\"ScannedCount\":")
            w.bytes.append(contentsOf: String(scanned).utf8)
            if let lastKey {
                w.raw(",\"LastEvaluatedKey\":")
                AttributeValueCodec.encodeItem(lastKey, into: &w)
            }
            var capacity = Capacity()
            let units = Capacity.readUnits(bytes: bytes, consistent: run.consistent)
            if let index {
                if index.isGlobal { capacity.globalIndexes[index.name] = units } else { capacity.localIndexes[index.name] = units }
            } else {
                capacity.table = units
            }
            if let consumed = capacity.json(tableName: table.name, mode: run.capacityMode) {
                w.raw(",\"ConsumedCapacity\":")
                w.write(consumed)
            }
            w.raw("}")
            return w.bytes
        }
    }
}
