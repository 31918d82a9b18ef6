/// Storage for global tables (module `replication`, its own numbered migrations): the outbox
/// of item changes waiting to reach the other replicas, and each replicated item's version
/// (the time and region of the write that last changed it), which decides last writer wins.
public enum ReplicationStorage {
    static let migrations: [String] = [
        // 1: the outbox and item versions.
        """
        CREATE TABLE ddb_replication_queue(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL, source_region TEXT NOT NULL, target_region TEXT NOT NULL, name TEXT NOT NULL,
            pk BLOB NOT NULL, sk BLOB NOT NULL, item BLOB, at REAL NOT NULL, due REAL NOT NULL, origin TEXT NOT NULL);
        CREATE INDEX ddb_replication_due ON ddb_replication_queue(due);
        CREATE TABLE ddb_item_versions(
            tid INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, at REAL NOT NULL, region TEXT NOT NULL,
            PRIMARY KEY(tid, pk, sk)) WITHOUT ROWID;
        """,
    ]

    static let module = "replication"

    /// Creates (or upgrades) the module's tables. Run once at start-up, before serving.
    public static func migrate(_ store: Store) throws {
        try store.migrate(module: module, migrations)
    }
}

/// One replicated change waiting in the outbox: the item after the change (nil: deleted) and
/// the time and region of the write that made it.
public struct ReplicationRow: Sendable {
    public var seq: Int64
    public var account: String
    public var sourceRegion: String
    public var targetRegion: String
    public var name: String
    public var pk: [UInt8]
    public var sk: [UInt8]
    public var item: [UInt8]?
    public var at: Double
    /// `user` or `ttl`: what made the change in the source region.
    public var origin: String
}

/// An item's version: the write that last changed it (time on the simulated clock, region).
public struct ItemVersion: Sendable, Equatable {
    public var at: Double
    public var region: String
    public init(at: Double, region: String) {
        self.at = at
        self.region = region
    }

    /// Last writer wins: the later time, and between writes at the same time the region that
    /// sorts last (a fixed, total order so that every replica settles on the same item).
    public func supersedes(_ other: ItemVersion) -> Bool {
        at != other.at ? at > other.at : region > other.region
    }
}

extension StorageReader {
    /// Outbox rows due at `now` queued after `afterSeq`, oldest first.
    public func dueReplications(now: Double, afterSeq: Int64 = 0, limit: Int) throws(SQLiteError) -> [ReplicationRow] {
        let s = try db.statement("""
            SELECT seq, account, source_region, target_region, name, pk, sk, item, at, origin
            FROM ddb_replication_queue WHERE seq > ?3 AND due <= ?1 ORDER BY seq LIMIT ?2
            """)
        defer { s.reset() }
        s.bind(1, now).bind(2, Int64(limit)).bind(3, afterSeq)
        var rows: [ReplicationRow] = []
        while try s.step() {
            rows.append(ReplicationRow(seq: s.int64(0), account: s.string(1), sourceRegion: s.string(2), targetRegion: s.string(3), name: s.string(4),
                                       pk: s.blob(5), sk: s.blob(6), item: try sealing.open(s.optionalBlob(7)), at: s.double(8),
                                       origin: s.string(9)))
        }
        return rows
    }

    /// How many changes wait in the outbox (0 when the schema is not there yet).
    public func pendingReplications() throws(SQLiteError) -> Int64 {
        guard try meta("schema.\(ReplicationStorage.module)") != nil else { return 0 }
        let s = try db.statement("SELECT COUNT(*) FROM ddb_replication_queue")
        defer { s.reset() }
        _ = try s.step()
        return s.int64(0)
    }

    public func itemVersion(tid: Int64, pk: [UInt8], sk: [UInt8]) throws(SQLiteError) -> ItemVersion? {
        let s = try db.statement("SELECT at, region FROM ddb_item_versions WHERE tid = ?1 AND pk = ?2 AND sk = ?3")
        defer { s.reset() }
        s.bind(1, tid).bind(2, blob: pk).bind(3, blob: sk)
        guard try s.step() else { return nil }
        return ItemVersion(at: s.double(0), region: s.string(1))
    }
}

extension StorageWriter {
    /// The module's migrations inside the current (exclusive) write, for stores opened
    /// without `ReplicationStorage.migrate` (unit-test harnesses).
    public func ensureReplicationSchema() throws(SQLiteError) {
        let key = "schema.\(ReplicationStorage.module)"
        let version = try reader.meta(key).flatMap(Int.init) ?? 0
        guard version < ReplicationStorage.migrations.count else { return }
        for index in version..<ReplicationStorage.migrations.count { try execute(ReplicationStorage.migrations[index]) }
        try setMeta(key, String(ReplicationStorage.migrations.count))
    }

    /// Queues a change for one other replica; the item is sealed under the source table's key.
    public func enqueueReplication(account: String, sourceRegion: String, targetRegion: String, name: String, sourceTid: Int64,
                                   pk: [UInt8], sk: [UInt8], item: [UInt8]?, at: Double, due: Double, origin: String) throws(SQLiteError) {
        let s = try db.statement("""
            INSERT INTO ddb_replication_queue(account, source_region, target_region, name, pk, sk, item, at, due, origin)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        s.bind(1, account).bind(2, sourceRegion).bind(3, targetRegion).bind(4, name).bind(5, blob: pk).bind(6, blob: sk)
            .bind(7, optionalBlob: item.map { sealing.seal($0, storageId: sourceTid) }).bind(8, at).bind(9, due).bind(10, origin)
        try s.run()
    }

    public func deleteReplication(seq: Int64) throws(SQLiteError) {
        try db.statement("DELETE FROM ddb_replication_queue WHERE seq = ?1").bind(1, seq).run()
    }

    /// Drops the changes still waiting for a region's replica of a table (the replica was removed).
    public func dropReplications(account: String, targetRegion: String, name: String) throws(SQLiteError) {
        try db.statement("DELETE FROM ddb_replication_queue WHERE account = ?1 AND target_region = ?2 AND name = ?3")
            .bind(1, account).bind(2, targetRegion).bind(3, name).run()
    }

    public func setItemVersion(tid: Int64, pk: [UInt8], sk: [UInt8], _ version: ItemVersion) throws(SQLiteError) {
        let s = try db.statement("INSERT OR REPLACE INTO ddb_item_versions(tid, pk, sk, at, region) VALUES (?1, ?2, ?3, ?4, ?5)")
        s.bind(1, tid).bind(2, blob: pk).bind(3, blob: sk).bind(4, version.at).bind(5, version.region)
        try s.run()
    }

    /// Forgets a table's item versions (its replica is gone).
    public func deleteItemVersions(tid: Int64) throws(SQLiteError) {
        try db.statement("DELETE FROM ddb_item_versions WHERE tid = ?1").bind(1, tid).run()
    }
}
