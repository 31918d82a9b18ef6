/// The writer's view of the database inside one transaction: every read of `StorageReader`
/// plus the changes. Only the writer thread ever holds one.
public struct StorageWriter {
    public let reader: StorageReader
    var db: SQLiteConnection { reader.db }

    var sealing: PayloadSealing { reader.sealing }

    init(db: SQLiteConnection, sealing: PayloadSealing) { reader = StorageReader(db: db, sealing: sealing) }

    /// A new table's or index's storage id (with its data key, when payloads are sealed).
    public func allocateStorageId() throws(SQLiteError) -> Int64 {
        try db.statement("INSERT INTO ddb_storage_ids DEFAULT VALUES").run()
        let id = db.lastInsertRowID
        try sealing.sealer?.storageCreated(id, writer: self)
        return id
    }

    public func insertTable(_ record: TableRecord) throws(SQLiteError) {
        let s = try db.statement("""
            INSERT INTO ddb_tables(storage_id, account, region, name, definition, item_count, size_bytes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        s.bind(1, record.storageId).bind(2, record.account).bind(3, record.region).bind(4, record.name)
            .bind(5, blob: record.definition).bind(6, record.itemCount).bind(7, record.sizeBytes)
        try s.run()
    }

    public func updateDefinition(storageId: Int64, definition: [UInt8]) throws(SQLiteError) {
        let s = try db.statement("UPDATE ddb_tables SET definition = ?2 WHERE storage_id = ?1")
        s.bind(1, storageId).bind(2, blob: definition)
        try s.run()
    }

    public func adjustCounters(storageId: Int64, itemDelta: Int64, sizeDelta: Int64) throws(SQLiteError) {
        guard itemDelta != 0 || sizeDelta != 0 else { return }
        let s = try db.statement("UPDATE ddb_tables SET item_count = item_count + ?2, size_bytes = size_bytes + ?3 WHERE storage_id = ?1")
        s.bind(1, storageId).bind(2, itemDelta).bind(3, sizeDelta)
        try s.run()
    }

    /// Removes a table's row, its items and the rows of the given indexes. History stays
    /// (system backups of PITR-enabled tables read it).
    public func deleteTable(storageId: Int64, indexIds: [Int64]) throws(SQLiteError) {
        try db.statement("DELETE FROM ddb_tables WHERE storage_id = ?1").bind(1, storageId).run()
        try db.statement("DELETE FROM ddb_items WHERE tid = ?1").bind(1, storageId).run()
        for iid in indexIds { try deleteIndex(iid: iid) }
    }

    public func deleteIndex(iid: Int64) throws(SQLiteError) {
        try db.statement("DELETE FROM ddb_index_items WHERE iid = ?1").bind(1, iid).run()
    }

    public func putItem(tid: Int64, pk: [UInt8], sk: [UInt8], item: [UInt8], size: Int, expires: Double?) throws(SQLiteError) {
        let s = try db.statement("INSERT OR REPLACE INTO ddb_items(tid, pk, sk, item, size, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        s.bind(1, tid).bind(2, blob: pk).bind(3, blob: sk).bind(4, blob: sealing.seal(item, storageId: tid)).bind(5, size).bind(6, optional: expires)
        try s.run()
    }

    public func deleteItem(tid: Int64, pk: [UInt8], sk: [UInt8]) throws(SQLiteError) {
        let s = try db.statement("DELETE FROM ddb_items WHERE tid = ?1 AND pk = ?2 AND sk = ?3")
        s.bind(1, tid).bind(2, blob: pk).bind(3, blob: sk)
        try s.run()
    }

    public func setExpiry(tid: Int64, pk: [UInt8], sk: [UInt8], expires: Double?) throws(SQLiteError) {
        let s = try db.statement("UPDATE ddb_items SET expires = ?4 WHERE tid = ?1 AND pk = ?2 AND sk = ?3")
        s.bind(1, tid).bind(2, blob: pk).bind(3, blob: sk).bind(4, optional: expires)
        try s.run()
    }

    public func putIndexRow(iid: Int64, _ row: IndexRow) throws(SQLiteError) {
        let s = try db.statement("INSERT OR REPLACE INTO ddb_index_items(iid, ipk, isk, pk, sk, item, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        s.bind(1, iid).bind(2, blob: row.ipk).bind(3, blob: row.isk).bind(4, blob: row.pk).bind(5, blob: row.sk).bind(6, blob: sealing.seal(row.item, storageId: iid)).bind(7, row.size)
        try s.run()
    }

    public func deleteIndexRow(iid: Int64, ipk: [UInt8], isk: [UInt8], pk: [UInt8], sk: [UInt8]) throws(SQLiteError) {
        let s = try db.statement("DELETE FROM ddb_index_items WHERE iid = ?1 AND ipk = ?2 AND isk = ?3 AND pk = ?4 AND sk = ?5")
        s.bind(1, iid).bind(2, blob: ipk).bind(3, blob: isk).bind(4, blob: pk).bind(5, blob: sk)
        try s.run()
    }

    @discardableResult
    public func appendHistory(tid: Int64, pk: [UInt8], sk: [UInt8], at: Double, oldItem: [UInt8]?, newItem: [UInt8]?, origin: String) throws(SQLiteError) -> Int64 {
        let s = try db.statement("""
            INSERT INTO ddb_history(tid, pk, sk, at, old_item, new_item, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        s.bind(1, tid).bind(2, blob: pk).bind(3, blob: sk).bind(4, at).bind(5, optionalBlob: oldItem.map { sealing.seal($0, storageId: tid) })
            .bind(6, optionalBlob: newItem.map { sealing.seal($0, storageId: tid) }).bind(7, origin)
        try s.run()
        return db.lastInsertRowID
    }

    public func setMeta(_ key: String, _ value: String) throws(SQLiteError) {
        let s = try db.statement("INSERT OR REPLACE INTO warden_meta(key, value) VALUES (?1, ?2)")
        s.bind(1, key).bind(2, value)
        try s.run()
    }

    /// Runs schema text (migrations, inside storage only): other modules write through
    /// `run(_: BoundStatement)`.
    func execute(_ sql: String) throws(SQLiteError) { try db.execute(sql) }
}
