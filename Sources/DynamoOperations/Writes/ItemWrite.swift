import DynamoModel
import DynamoStorage

/// The one path by which an item changes: the item row, every index row, the item-history
/// row (PITR and streams read it) and the table's counters, all in the writer's transaction.
enum ItemWrite {
    /// Who made a change: a caller, or the service itself (TTL, or [global] a change
    /// replicated from another region's replica).
    enum Origin: String {
        case user
        case ttl
        case replication
    }

    /// Loads the stored item for a key (inside the writer's transaction).
    static func load(_ table: TableDefinition, key: EncodedKey, writer: StorageWriter) throws -> Item? {
        guard let bytes = try writer.reader.item(tid: table.storageId, pk: key.pk, sk: key.sk) else { return nil }
        return try decodeStored(bytes)
    }

    static func decodeStored(_ bytes: [UInt8]) throws -> Item {
        try AttributeValueCodec.decodeItem(JSONParser.parse(bytes))
    }

    /// Replaces `old` (nil: absent) by `new` (nil: delete). A write that changes nothing
    /// touches nothing and records no history. Returns the write capacity it consumed.
    @discardableResult
    static func apply(_ table: TableDefinition, key: EncodedKey, old: Item?, new: Item?, writer: StorageWriter,
                      now: Double, origin: Origin = .user) throws -> Capacity {
        var capacity = Capacity()
        capacity.table = Capacity.writeUnits(bytes: max(old.map { ItemSize.of($0) } ?? 0, new.map { ItemSize.of($0) } ?? 0))
        if old == nil && new == nil { return capacity }
        if let old, let new, old == new { return capacity }
        let oldBytes = old.map { AttributeValueCodec.encodeItem($0) }
        let newBytes = new.map { AttributeValueCodec.encodeItem($0) }
        let oldSize = old.map { ItemSize.of($0) } ?? 0
        let newSize = new.map { ItemSize.of($0) } ?? 0
        if let new, let newBytes {
            try writer.putItem(tid: table.storageId, pk: key.pk, sk: key.sk, item: newBytes, size: newSize,
                               expires: expiry(of: new, table: table))
        } else {
            try writer.deleteItem(tid: table.storageId, pk: key.pk, sk: key.sk)
        }
        for index in table.allIndexes {
            let before = old.flatMap { IndexRows.row(for: $0, key: key, index: index, table: table) }
            let after = new.flatMap { IndexRows.row(for: $0, key: key, index: index, table: table) }
            var units = 0.0
            if let before, before.ipk != after?.ipk || before.isk != after?.isk {
                try writer.deleteIndexRow(iid: index.storageId, ipk: before.ipk, isk: before.isk, pk: key.pk, sk: key.sk)
                units += Capacity.writeUnits(bytes: before.size)
            }
            if let after, after.item != before?.item || after.ipk != before?.ipk || after.isk != before?.isk {
                try writer.putIndexRow(iid: index.storageId, after)
                units += Capacity.writeUnits(bytes: after.size)
            }
            if units > 0 {
                if index.isGlobal { capacity.globalIndexes[index.name, default: 0] += units } else { capacity.localIndexes[index.name, default: 0] += units }
            }
        }
        // History is what point-in-time recovery and streams read; a table with neither keeps
        // none (PITR restores only reach back to when it was enabled, and a stream holds only
        // changes made while it is enabled), which halves the write work of a plain table.
        if table.keepsHistory {
            try writer.appendHistory(tid: table.storageId, pk: key.pk, sk: key.sk, at: now, oldItem: oldBytes, newItem: newBytes,
                                     origin: origin.rawValue)
        }
        let itemDelta: Int64 = (new != nil ? 1 : 0) - (old != nil ? 1 : 0)
        try writer.adjustCounters(storageId: table.storageId, itemDelta: itemDelta, sizeDelta: Int64(newSize - oldSize))
        // [global] A write to a replica goes to every other replica (one check for other tables).
        if table.replicas != nil, origin != .replication {
            try ReplicationOutbox.record(table, key: key, newItem: newBytes, writer: writer, now: now, origin: origin)
        }
        return capacity
    }

    /// The TTL expiry of an item: its TTL attribute when TTL is enabled and it holds a number
    /// (epoch seconds); anything else never expires.
    static func expiry(of item: Item, table: TableDefinition) -> Double? {
        guard let ttl = table.ttl, ttl.enabled, case .n(let n)? = item[ttl.attributeName] else { return nil }
        return n.doubleValue
    }
}

/// Index rows: which items an index holds (sparse: only those carrying its key attributes)
/// and what it projects.
enum IndexRows {
    static func row(for item: Item, key: EncodedKey, index: IndexDefinition, table: TableDefinition) -> IndexRow? {
        guard let indexKey = IndexKey.encode(item, schema: index.keySchema) else { return nil }
        let projected = project(item, index: index, table: table)
        return IndexRow(ipk: indexKey.ipk, isk: indexKey.isk, pk: key.pk, sk: key.sk,
                        item: AttributeValueCodec.encodeItem(projected), size: ItemSize.of(projected))
    }

    static func project(_ item: Item, index: IndexDefinition, table: TableDefinition) -> Item {
        switch index.projection.type {
        case .all:
            return item
        case .keysOnly, .include:
            var out = Item()
            for name in table.keySchema.attributeNames + index.keySchema.attributeNames { out[name] = item[name] }
            for name in index.projection.nonKeyAttributes { out[name] = item[name] }
            return out
        }
    }

    /// The attributes an index holds, or nil for all.
    static func projectedAttributes(_ index: IndexDefinition, table: TableDefinition) -> AttributeNameSet? {
        if index.projection.type == .all { return nil }
        return AttributeNameSet((table.keySchema.attributeNames + index.keySchema.attributeNames + index.projection.nonKeyAttributes).map { AttributeName($0) })
    }

    /// Fills a new index from every item of the table (GSI backfill), in the writer's transaction.
    static func backfill(_ index: IndexDefinition, table: TableDefinition, writer: StorageWriter) throws {
        try writer.reader.scanTable(tid: table.storageId, startAfter: nil) { row in
            let item = try ItemWrite.decodeStored(row.item)
            // An item whose index key is too large is an index key violation: it stays out of
            // the index and the backfill goes on (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.ViolationDetection.html).
            if IndexKey.sizeViolation(item, schema: index.keySchema) != nil { return true }
            if let indexRow = IndexRows.row(for: item, key: EncodedKey(pk: row.pk, sk: row.sk), index: index, table: table) {
                try writer.putIndexRow(iid: index.storageId, indexRow)
            }
            return true
        }
    }
}

extension TableDefinition {
    /// Whether item changes must be recorded in history: point-in-time recovery or a stream
    /// is enabled.
    var keepsHistory: Bool { pitr?.enabled == true || stream?.enabled == true }
}
