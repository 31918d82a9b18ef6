import DynamoExpressions
import DynamoModel
import DynamoStorage

extension StatementSelectPlan {
    /// One page of a SELECT, from where `token` left off: each partition it names in turn as
    /// a Query reads it (one range scan of the table or index, the sort-key condition
    /// narrowing it), or the whole table or index as a Scan reads it — `Limit` items
    /// evaluated or 1 MB read, the WHERE filtering what was read, through `ReadRun.Page`.
    func page(service: DynamoService, from token: StatementToken?) throws(DynamoError) -> (ReadRun.Page, next: StatementToken?) {
        var page = ReadRun.Page(run: run, table: table, index: index)
        if let shape { page.shape = { shape.apply(to: $0) } }
        if let token { try check(token) }
        var next: StatementToken?
        let table = self.table, index = self.index, forward = self.forward
        try service.read { reader in
            guard let partitions else {
                let stopped: Bool
                if let index {
                    let after = token.map { ReadRun.indexStart($0.lastKey, table: table, index: index) }
                    stopped = try Self.visit { more in
                        try reader.scanIndex(iid: index.storageId, startAfter: after) { row in
                            try more(page.add(row.item, size: row.size) { try ReadRun.fetch(row, table: table, reader: reader) })
                        }
                    }
                } else {
                    let after = token.map { ReadRun.tableStart($0.lastKey, table: table) }
                    stopped = try Self.visit { more in
                        try reader.scanTable(tid: table.storageId, startAfter: after) { row in try more(page.add(row.item, size: row.size) { nil }) }
                    }
                }
                if stopped, let lastKey = page.lastKey { next = StatementToken(partition: 0, lastKey: lastKey) }
                return
            }
            let range = QueryRange.single(sort)
            var position = token?.partition ?? 0
            var start = token?.lastKey
            while position < partitions.count {
                let pk = KeyCodec.encode(partitions[position])
                let stopped: Bool
                if let index {
                    let after = start.map { k in
                        let s = ReadRun.indexStart(k, table: table, index: index)
                        return (isk: s.isk, pk: s.pk, sk: s.sk)
                    }
                    stopped = try Self.visit { more in
                        try reader.queryIndex(iid: index.storageId, ipk: pk, range: range, forward: forward, startAfter: after) { row in
                            try more(page.add(row.item, size: row.size) { try ReadRun.fetch(row, table: table, reader: reader) })
                        }
                    }
                } else {
                    let after = start.map { ReadRun.tableStart($0, table: table).sk }
                    stopped = try Self.visit { more in
                        try reader.queryTable(tid: table.storageId, pk: pk, range: range, forward: forward, startAfter: after) { row in
                            try more(page.add(row.item, size: row.size) { nil })
                        }
                    }
                }
                if stopped {
                    if let lastKey = page.lastKey { next = StatementToken(partition: position, lastKey: lastKey) }
                    return
                }
                position += 1
                start = nil
            }
        }
        return (page, next)
    }

    /// Runs a visit and says whether it stopped early (the page filled).
    private static func visit(_ body: ((Bool) -> Bool) throws -> Void) throws -> Bool {
        var stopped = false
        try body { more in
            if !more { stopped = true }
            return more
        }
        return stopped
    }

    /// A token's position must be one this read can resume from.
    private func check(_ token: StatementToken) throws(DynamoError) {
        do {
            try ReadRun.checkStartKey(token.lastKey, table: table, index: index)
        } catch {
            throw StatementToken.invalid
        }
        if let partitions {
            guard token.partition < partitions.count,
                  token.lastKey[schema.partitionKey].map({ KeyCodec.encode($0) }) == KeyCodec.encode(partitions[token.partition]) else {
                throw StatementToken.invalid
            }
        } else if token.partition != 0 {
            throw StatementToken.invalid
        }
    }
}

extension ReadRun.Page {
    /// ExecuteStatement's answer for a SELECT page: `Items`, and where it stopped as
    /// `NextToken` and `LastEvaluatedKey`.
    func statementResponse(nextToken: String?, capacityMode: String?) -> ResponseBody {
        var w = JSONWriter(capacity: items.bytes.count + 128)
        w.raw("{\"Items\":[")
        w.raw(bytes: items.bytes)
        w.raw("]")
        if let nextToken, let lastKey {
            w.raw(",\"NextToken\":")
            w.write(.string(nextToken))
            w.raw(",\"LastEvaluatedKey\":")
            AttributeValueCodec.encodeItem(lastKey, into: &w)
        }
        if let consumed = consumed().json(tableName: table.name, mode: capacityMode) {
            w.raw(",\"ConsumedCapacity\":")
            w.write(consumed)
        }
        w.raw("}")
        return w.bytes
    }
}

extension StatementGetPlan {
    /// Reads the item as GetItem does: the item (nil when there is none or the rest of the
    /// WHERE does not hold for it), shaped by the SELECT list, and the bytes read.
    func read(_ table: TableDefinition, reader: StorageReader) throws -> (Item?, size: Int) {
        let encoded = ItemKey.encode(key, schema: table.keySchema)
        guard let row = try reader.itemRow(tid: table.storageId, pk: encoded.pk, sk: encoded.sk) else { return (nil, 0) }
        let item = try ItemWrite.decode(row.item)
        if let filter, try !filter.evaluate(item) { return (nil, row.size) }
        return (shape.map { $0.apply(to: item) } ?? item, row.size)
    }
}
