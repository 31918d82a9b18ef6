/// Storage for on-demand and system backups and for the stream registry, owned by the
/// point-in-time-recovery module (its own numbered migrations, `schema.pitr`).
///
/// A backup is an immutable snapshot: its table definition (JSON, owned by the operations
/// layer) and a copy of every item row, both taken inside the writer's transaction, so later
/// writes and the source table's deletion leave it untouched.
public enum BackupStorage {
    static let migrations: [String] = [
        // 1: backups, their items, and the streams of every table (kept after the table is gone
        // until their records age out).
        """
        CREATE TABLE ddb_backups(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            arn TEXT NOT NULL UNIQUE,
            account TEXT NOT NULL, region TEXT NOT NULL,
            table_name TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL,
            definition BLOB NOT NULL,
            item_count INTEGER NOT NULL,
            size_bytes INTEGER NOT NULL);
        CREATE INDEX ddb_backups_by_account ON ddb_backups(account, region, created_at);
        CREATE TABLE ddb_backup_items(
            bid INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL,
            item BLOB NOT NULL, size INTEGER NOT NULL,
            PRIMARY KEY(bid, pk, sk)) WITHOUT ROWID;
        CREATE TABLE ddb_streams(
            arn TEXT PRIMARY KEY,
            account TEXT NOT NULL, region TEXT NOT NULL, table_name TEXT NOT NULL,
            tid INTEGER NOT NULL, label TEXT NOT NULL, view_type TEXT NOT NULL,
            key_schema BLOB NOT NULL,
            start_seq INTEGER NOT NULL, end_seq INTEGER,
            created_at REAL NOT NULL, disabled_at REAL,
            trimmed_seq INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX ddb_streams_by_tid ON ddb_streams(tid);
        """,
    ]

    static let module = "pitr"

    /// Creates (or upgrades) the module's tables. Run once at start-up, before serving.
    public static func migrate(_ store: Store) throws {
        try store.migrate(module: module, migrations)
    }
}

extension StorageWriter {
    /// The same migrations, applied inside the current (exclusive) write when a store was
    /// opened without `BackupStorage.migrate` (test harnesses of other modules): the table
    /// lifecycle hooks that record streams and system backups call this first.
    public func ensureBackupSchema() throws(SQLiteError) {
        let key = "schema.\(BackupStorage.module)"
        let version = try reader.meta(key).flatMap(Int.init) ?? 0
        guard version < BackupStorage.migrations.count else { return }
        for index in version..<BackupStorage.migrations.count { try execute(BackupStorage.migrations[index]) }
        try setMeta(key, String(BackupStorage.migrations.count))
    }
}

/// One stored backup (without its items).
public struct BackupRecord: Sendable {
    public var id: Int64
    public var arn: String
    public var account: String
    public var region: String
    public var tableName: String
    public var name: String
    /// USER or SYSTEM.
    public var type: String
    public var createdAt: Double
    public var expiresAt: Double?
    public var definition: [UInt8]
    public var itemCount: Int64
    public var sizeBytes: Int64

    public init(id: Int64 = 0, arn: String, account: String, region: String, tableName: String, name: String, type: String,
                createdAt: Double, expiresAt: Double?, definition: [UInt8], itemCount: Int64, sizeBytes: Int64) {
        self.id = id
        self.arn = arn
        self.account = account
        self.region = region
        self.tableName = tableName
        self.name = name
        self.type = type
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.definition = definition
        self.itemCount = itemCount
        self.sizeBytes = sizeBytes
    }
}

extension StorageReader {
    static let backupColumns = "id, arn, account, region, table_name, name, type, created_at, expires_at, definition, item_count, size_bytes"

    static func backupRecord(_ s: SQLiteStatement) -> BackupRecord {
        BackupRecord(id: s.int64(0), arn: s.string(1), account: s.string(2), region: s.string(3), tableName: s.string(4),
                     name: s.string(5), type: s.string(6), createdAt: s.double(7), expiresAt: s.isNull(8) ? nil : s.double(8),
                     definition: s.blob(9), itemCount: s.int64(10), sizeBytes: s.int64(11))
    }

    public func backup(arn: String) throws(SQLiteError) -> BackupRecord? {
        let s = try db.statement("SELECT \(StorageReader.backupColumns) FROM ddb_backups WHERE arn = ?1")
        defer { s.reset() }
        s.bind(1, arn)
        guard try s.step() else { return nil }
        return StorageReader.backupRecord(s)
    }

    /// Backups of one account and region, oldest first (ties by ARN).
    public func backups(account: String, region: String) throws(SQLiteError) -> [BackupRecord] {
        let s = try db.statement("SELECT \(StorageReader.backupColumns) FROM ddb_backups WHERE account = ?1 AND region = ?2 ORDER BY created_at, arn")
        defer { s.reset() }
        s.bind(1, account).bind(2, region)
        var out: [BackupRecord] = []
        while try s.step() { out.append(StorageReader.backupRecord(s)) }
        return out
    }

    /// Backups whose expiry (system backups) has passed.
    public func expiredBackups(now: Double) throws(SQLiteError) -> [BackupRecord] {
        let s = try db.statement("SELECT \(StorageReader.backupColumns) FROM ddb_backups WHERE expires_at IS NOT NULL AND expires_at <= ?1")
        defer { s.reset() }
        s.bind(1, now)
        var out: [BackupRecord] = []
        while try s.step() { out.append(StorageReader.backupRecord(s)) }
        return out
    }

    /// The item rows of a backup in key order.
    public func backupItems(bid: Int64, visit: (ItemRow) throws -> Bool) throws {
        let s = try db.statement("SELECT pk, sk, item, size FROM ddb_backup_items WHERE bid = ?1 ORDER BY pk, sk")
        defer { s.reset() }
        s.bind(1, bid)
        while try s.step() {
            if try !visit(ItemRow(pk: s.blob(0), sk: s.blob(1), item: try sealing.open(s.blob(2)), size: s.int(3))) { break }
        }
    }
}

extension StorageWriter {
    /// Records a backup and snapshots the items of table `tid` into it; returns its id.
    @discardableResult
    public func insertBackup(_ record: BackupRecord, copyingItemsOf tid: Int64) throws(SQLiteError) -> Int64 {
        let s = try db.statement("""
            INSERT INTO ddb_backups(arn, account, region, table_name, name, type, created_at, expires_at, definition, item_count, size_bytes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """)
        s.bind(1, record.arn).bind(2, record.account).bind(3, record.region).bind(4, record.tableName).bind(5, record.name)
            .bind(6, record.type).bind(7, record.createdAt).bind(8, optional: record.expiresAt).bind(9, blob: record.definition)
            .bind(10, record.itemCount).bind(11, record.sizeBytes)
        try s.run()
        let bid = db.lastInsertRowID
        try db.statement("INSERT INTO ddb_backup_items(bid, pk, sk, item, size) SELECT ?1, pk, sk, item, size FROM ddb_items WHERE tid = ?2")
            .bind(1, bid).bind(2, tid).run()
        return bid
    }

    public func deleteBackup(id: Int64) throws(SQLiteError) {
        try db.statement("DELETE FROM ddb_backups WHERE id = ?1").bind(1, id).run()
        try db.statement("DELETE FROM ddb_backup_items WHERE bid = ?1").bind(1, id).run()
    }

    /// Loads a backup's items into table `tid` (a fresh restore target; no TTL expiries).
    public func loadBackupItems(bid: Int64, into tid: Int64) throws(SQLiteError) {
        try db.statement("INSERT INTO ddb_items(tid, pk, sk, item, size, expires) SELECT ?1, pk, sk, item, size, NULL FROM ddb_backup_items WHERE bid = ?2")
            .bind(1, tid).bind(2, bid).run()
    }

    /// Copies every item of table `source` into table `target` (a fresh restore target).
    public func copyItems(from source: Int64, into target: Int64) throws(SQLiteError) {
        try db.statement("INSERT INTO ddb_items(tid, pk, sk, item, size, expires) SELECT ?1, pk, sk, item, size, NULL FROM ddb_items WHERE tid = ?2")
            .bind(1, target).bind(2, source).run()
    }

    /// Sets a table's item count and size from its rows (after a bulk load).
    public func recomputeCounters(storageId: Int64) throws(SQLiteError) {
        try db.statement("""
            UPDATE ddb_tables SET
                item_count = (SELECT COUNT(*) FROM ddb_items WHERE tid = ?1),
                size_bytes = (SELECT COALESCE(SUM(size), 0) FROM ddb_items WHERE tid = ?1)
            WHERE storage_id = ?1
            """).bind(1, storageId).run()
    }
}
