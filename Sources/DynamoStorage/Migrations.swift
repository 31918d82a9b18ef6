/// Numbered schema migrations, applied in order at start-up; `PRAGMA user_version` records
/// how many have run. Never edit a released migration: append a new one.
enum Migrations {
    static let all: [String] = [
        // 1: tables, items, index rows, item history.
        """
        CREATE TABLE warden_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE ddb_storage_ids(id INTEGER PRIMARY KEY AUTOINCREMENT);
        CREATE TABLE ddb_tables(
            storage_id INTEGER PRIMARY KEY,
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            definition BLOB NOT NULL,
            item_count INTEGER NOT NULL DEFAULT 0,
            size_bytes INTEGER NOT NULL DEFAULT 0,
            UNIQUE(account, region, name));
        CREATE TABLE ddb_items(
            tid INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL,
            item BLOB NOT NULL, size INTEGER NOT NULL, expires REAL,
            PRIMARY KEY(tid, pk, sk)) WITHOUT ROWID;
        CREATE INDEX ddb_items_expiry ON ddb_items(expires, tid) WHERE expires IS NOT NULL;
        CREATE TABLE ddb_index_items(
            iid INTEGER NOT NULL, ipk BLOB NOT NULL, isk BLOB NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL,
            item BLOB NOT NULL, size INTEGER NOT NULL,
            PRIMARY KEY(iid, ipk, isk, pk, sk)) WITHOUT ROWID;
        CREATE TABLE ddb_history(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tid INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, at REAL NOT NULL,
            old_item BLOB, new_item BLOB, origin TEXT NOT NULL);
        CREATE INDEX ddb_history_by_table ON ddb_history(tid, seq);
        CREATE INDEX ddb_history_by_item ON ddb_history(tid, pk, sk, at);
        """,
    ]

    static func migrate(_ db: SQLiteConnection) throws(SQLiteError) {
        let stmt = try db.statement("PRAGMA user_version")
        _ = try stmt.step()
        let version = stmt.int(0)
        stmt.reset()
        guard version < all.count else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            for index in version..<all.count { try db.execute(all[index]) }
            try db.execute("PRAGMA user_version = \(all.count)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }
}
