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

    /// Select / projection parameters, checked as DynamoDB checks them. `projectionMember`
    /// names the member that carries a projection (ProjectionExpression or AttributesToGet).
    /// Query's texts carry the validation envelope, Scan's do not (both captured from the
    /// service: moto's aws_verified test_dynamodb_select.py; DynamoDB Local's "only the Count").
    static func checkSelect(_ select: String?, projectionMember: String?, indexName: String?, isQuery: Bool) throws(DynamoError) {
        func refuse(_ message: String) -> DynamoError {
            .validation(isQuery ? "1 validation error detected: " + message : message)
        }
        switch select {
        case "SPECIFIC_ATTRIBUTES" where projectionMember == nil:
            throw refuse("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES")
        case "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "COUNT":
            if let member = projectionMember {
                throw refuse("Cannot specify the \(member) when choosing to get \(select == "COUNT" ? "only the Count" : select!)")
            }
            if select == "ALL_PROJECTED_ATTRIBUTES" && indexName == nil {
                throw refuse("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
            }
        default:
            break
        }
    }

    /// The index named by IndexName, with DynamoDB's checks on it: a global secondary index
    /// cannot be read consistently, and cannot give what it does not hold — ALL_ATTRIBUTES
    /// unless it projects ALL, or a ProjectionExpression naming an attribute it does not
    /// project ("If you query or scan a global secondary index, you can only request
    /// attributes that are projected into the index", API_Query.html, Select; the text is
    /// the one DynamoDB Local answers). A local secondary index fetches the rest from the table.
    func index(_ name: String?, table: TableDefinition) throws(DynamoError) -> IndexDefinition? {
        guard let name else { return nil }
        guard let index = table.index(named: name) else {
            throw .validation("The table does not have the specified index: \(name)")
        }
        guard index.isGlobal else { return index }
        if consistent {
            throw .validation("Consistent reads are not supported on global secondary indexes")
        }
        if select == "ALL_ATTRIBUTES" && index.projection.type != .all {
            throw .validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index \(name) because its projection type is not ALL")
        }
        if let projection, let held = IndexRows.projectedAttributes(index, table: table) {
            var missing: [AttributeName] = []
            for path in projection.paths where !held.contains(path.topLevelName) && !missing.contains(path.topLevelName) {
                missing.append(path.topLevelName)
            }
            if !missing.isEmpty {
                throw .validation("One or more parameter values were invalid: Global secondary index \(name) does not project [\(missing.map(\.string).joined(separator: ", "))]")
            }
        }
        return index
    }

    /// The table's whole item behind an index row, with its size (a local secondary index
    /// fetching attributes it does not hold).
    static func fetch(_ row: IndexRow, table: TableDefinition, reader: StorageReader) throws -> (Item, size: Int)? {
        guard let stored = try reader.itemRow(tid: table.storageId, pk: row.pk, sk: row.sk) else { return nil }
        return (try ItemWrite.decode(stored.item), stored.size)
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
        /// Read units of the whole items fetched from the table for a local secondary index.
        var fetchedUnits: Double = 0
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

        /// Adds one stored row; false when the page is full (Limit or 1 MB reached). The 1 MB
        /// counts the data read (index entries for an index), before the filter.
        mutating func add(_ bytes: [UInt8], size: Int, fetchFullItem: () throws -> (Item, size: Int)?) throws -> Bool {
            scanned += 1
            self.bytes += size
            var decoded: Item?
            let needsItem = run.filter != nil || run.projection != nil || readsTable
            if needsItem {
                if readsTable, let (item, itemSize) = try fetchFullItem() {
                    // Each fetch from the table is read as a whole item, in its own 4 KB
                    // units, on top of the index entries read
                    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ThroughputConsiderations).
                    fetchedUnits += Capacity.readUnits(bytes: itemSize, consistent: run.consistent)
                    decoded = item
                } else {
                    decoded = try ItemWrite.decode(bytes)
                }
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
                capacity.table = fetchedUnits
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
