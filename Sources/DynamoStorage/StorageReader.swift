/// Reads available both on a pooled read connection and inside the writer's transaction
/// (where they see that transaction's own changes).
public struct StorageReader {
    let db: SQLiteConnection
    let sealing: PayloadSealing

    init(db: SQLiteConnection, sealing: PayloadSealing) {
        self.db = db
        self.sealing = sealing
    }

    public func tables() throws(SQLiteError) -> [TableRecord] {
        let s = try db.statement("SELECT storage_id, account, region, name, definition, item_count, size_bytes FROM ddb_tables ORDER BY storage_id")
        defer { s.reset() }
        var out: [TableRecord] = []
        while try s.step() {
            out.append(TableRecord(storageId: s.int64(0), account: s.string(1), region: s.string(2), name: s.string(3),
                                   definition: s.blob(4), itemCount: s.int64(5), sizeBytes: s.int64(6)))
        }
        return out
    }

    public func table(storageId: Int64) throws(SQLiteError) -> TableRecord? {
        let s = try db.statement("SELECT storage_id, account, region, name, definition, item_count, size_bytes FROM ddb_tables WHERE storage_id = ?1")
        defer { s.reset() }
        s.bind(1, storageId)
        guard try s.step() else { return nil }
        return TableRecord(storageId: s.int64(0), account: s.string(1), region: s.string(2), name: s.string(3),
                           definition: s.blob(4), itemCount: s.int64(5), sizeBytes: s.int64(6))
    }

    public func counters(storageId: Int64) throws(SQLiteError) -> (itemCount: Int64, sizeBytes: Int64) {
        let s = try db.statement("SELECT item_count, size_bytes FROM ddb_tables WHERE storage_id = ?1")
        defer { s.reset() }
        s.bind(1, storageId)
        guard try s.step() else { return (0, 0) }
        return (s.int64(0), s.int64(1))
    }

    public func meta(_ key: String) throws(SQLiteError) -> String? {
        let s = try db.statement("SELECT value FROM warden_meta WHERE key = ?1")
        defer { s.reset() }
        s.bind(1, key)
        guard try s.step() else { return nil }
        return s.string(0)
    }

    /// The stored JSON of one item, or nil.
    public func item(tid: Int64, pk: [UInt8], sk: [UInt8]) throws(SQLiteError) -> [UInt8]? {
        try itemRow(tid: tid, pk: pk, sk: sk)?.item
    }

    /// One stored item with its size, or nil.
    public func itemRow(tid: Int64, pk: [UInt8], sk: [UInt8]) throws(SQLiteError) -> ItemRow? {
        let s = try db.statement("SELECT item, size FROM ddb_items WHERE tid = ?1 AND pk = ?2 AND sk = ?3")
        defer { s.reset() }
        s.bind(1, tid).bind(2, blob: pk).bind(3, blob: sk)
        guard try s.step() else { return nil }
        return ItemRow(pk: pk, sk: sk, item: try sealing.open(s.blob(0)), size: s.int(1))
    }

    /// Items of one partition in sort-key order, optionally within `range` and strictly after
    /// (or before, backwards) `startAfter`. `visit` returns false to stop.
    public func queryTable(tid: Int64, pk: [UInt8], range: KeyRange, forward: Bool, startAfter: [UInt8]?,
                           visit: (ItemRow) throws -> Bool) throws {
        var sql = "SELECT sk, item, size FROM ddb_items WHERE tid = ?1 AND pk = ?2"
        if range.lower != nil { sql += range.lowerInclusive ? " AND sk >= ?3" : " AND sk > ?3" }
        if range.upper != nil { sql += range.upperInclusive ? " AND sk <= ?4" : " AND sk < ?4" }
        if startAfter != nil { sql += forward ? " AND sk > ?5" : " AND sk < ?5" }
        sql += forward ? " ORDER BY sk" : " ORDER BY sk DESC"
        let s = try db.statement(sql)
        defer { s.reset() }
        s.bind(1, tid).bind(2, blob: pk)
        if let lower = range.lower { s.bind(3, blob: lower) }
        if let upper = range.upper { s.bind(4, blob: upper) }
        if let startAfter { s.bind(5, blob: startAfter) }
        while try s.step() {
            if try !visit(ItemRow(pk: pk, sk: s.blob(0), item: try sealing.open(s.blob(1)), size: s.int(2))) { break }
        }
    }

    /// Rows of one index partition in (index sort key, table key) order.
    public func queryIndex(iid: Int64, ipk: [UInt8], range: KeyRange, forward: Bool,
                           startAfter: (isk: [UInt8], pk: [UInt8], sk: [UInt8])?,
                           visit: (IndexRow) throws -> Bool) throws {
        var sql = "SELECT isk, pk, sk, item, size FROM ddb_index_items WHERE iid = ?1 AND ipk = ?2"
        if range.lower != nil { sql += range.lowerInclusive ? " AND isk >= ?3" : " AND isk > ?3" }
        if range.upper != nil { sql += range.upperInclusive ? " AND isk <= ?4" : " AND isk < ?4" }
        if startAfter != nil { sql += forward ? " AND (isk, pk, sk) > (?5, ?6, ?7)" : " AND (isk, pk, sk) < (?5, ?6, ?7)" }
        sql += forward ? " ORDER BY isk, pk, sk" : " ORDER BY isk DESC, pk DESC, sk DESC"
        let s = try db.statement(sql)
        defer { s.reset() }
        s.bind(1, iid).bind(2, blob: ipk)
        if let lower = range.lower { s.bind(3, blob: lower) }
        if let upper = range.upper { s.bind(4, blob: upper) }
        if let startAfter { s.bind(5, blob: startAfter.isk).bind(6, blob: startAfter.pk).bind(7, blob: startAfter.sk) }
        while try s.step() {
            if try !visit(IndexRow(ipk: ipk, isk: s.blob(0), pk: s.blob(1), sk: s.blob(2), item: try sealing.open(s.blob(3)), size: s.int(4))) { break }
        }
    }

    /// Every item of a table in key order, strictly after `startAfter`.
    public func scanTable(tid: Int64, startAfter: (pk: [UInt8], sk: [UInt8])?, visit: (ItemRow) throws -> Bool) throws {
        var sql = "SELECT pk, sk, item, size FROM ddb_items WHERE tid = ?1"
        if startAfter != nil { sql += " AND (pk, sk) > (?2, ?3)" }
        sql += " ORDER BY pk, sk"
        let s = try db.statement(sql)
        defer { s.reset() }
        s.bind(1, tid)
        if let startAfter { s.bind(2, blob: startAfter.pk).bind(3, blob: startAfter.sk) }
        while try s.step() {
            if try !visit(ItemRow(pk: s.blob(0), sk: s.blob(1), item: try sealing.open(s.blob(2)), size: s.int(3))) { break }
        }
    }

    /// Every row of an index in key order, strictly after `startAfter`.
    public func scanIndex(iid: Int64, startAfter: (ipk: [UInt8], isk: [UInt8], pk: [UInt8], sk: [UInt8])?,
                          visit: (IndexRow) throws -> Bool) throws {
        var sql = "SELECT ipk, isk, pk, sk, item, size FROM ddb_index_items WHERE iid = ?1"
        if startAfter != nil { sql += " AND (ipk, isk, pk, sk) > (?2, ?3, ?4, ?5)" }
        sql += " ORDER BY ipk, isk, pk, sk"
        let s = try db.statement(sql)
        defer { s.reset() }
        s.bind(1, iid)
        if let a = startAfter { s.bind(2, blob: a.ipk).bind(3, blob: a.isk).bind(4, blob: a.pk).bind(5, blob: a.sk) }
        while try s.step() {
            if try !visit(IndexRow(ipk: s.blob(0), isk: s.blob(1), pk: s.blob(2), sk: s.blob(3), item: try sealing.open(s.blob(4)), size: s.int(5))) { break }
        }
    }

    /// History rows of a table in sequence order, from `afterSeq` (exclusive).
    public func history(tid: Int64, afterSeq: Int64, limit: Int, visit: (HistoryRow) throws -> Bool) throws {
        let s = try db.statement("""
            SELECT seq, tid, pk, sk, at, old_item, new_item, origin FROM ddb_history
            WHERE tid = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3
            """)
        defer { s.reset() }
        s.bind(1, tid).bind(2, afterSeq).bind(3, limit)
        while try s.step() {
            let row = HistoryRow(seq: s.int64(0), tid: s.int64(1), pk: s.blob(2), sk: s.blob(3), at: s.double(4),
                                 oldItem: try sealing.open(s.optionalBlob(5)), newItem: try sealing.open(s.optionalBlob(6)), origin: s.string(7))
            if try !visit(row) { break }
        }
    }

    /// The newest history sequence number (0 when there is none).
    public func latestHistorySeq() throws(SQLiteError) -> Int64 {
        let s = try db.statement("SELECT COALESCE(MAX(seq), 0) FROM ddb_history")
        defer { s.reset() }
        _ = try s.step()
        return s.int64(0)
    }

    /// Items whose TTL expiry lies in `(notBefore, now]`, oldest first.
    public func expired(before now: Double, notBefore: Double, limit: Int) throws(SQLiteError) -> [(tid: Int64, pk: [UInt8], sk: [UInt8])] {
        let s = try db.statement("SELECT tid, pk, sk FROM ddb_items WHERE expires IS NOT NULL AND expires <= ?1 AND expires > ?3 ORDER BY expires LIMIT ?2")
        defer { s.reset() }
        s.bind(1, now).bind(2, limit).bind(3, notBefore)
        var out: [(Int64, [UInt8], [UInt8])] = []
        while try s.step() { out.append((s.int64(0), s.blob(1), s.blob(2))) }
        return out
    }
}

extension StorageReader {
    /// Row count and stored bytes of one index.
    public func indexCounters(iid: Int64) throws(SQLiteError) -> (itemCount: Int64, sizeBytes: Int64) {
        let s = try db.statement("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM ddb_index_items WHERE iid = ?1")
        defer { s.reset() }
        s.bind(1, iid)
        _ = try s.step()
        return (s.int64(0), s.int64(1))
    }
}

extension StorageReader {
    /// Runs `body` inside one read transaction, so that every read sees the same snapshot
    /// (TransactGetItems).
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try db.execute("BEGIN DEFERRED")
        defer { try? db.execute("COMMIT") }
        return try body()
    }
}
