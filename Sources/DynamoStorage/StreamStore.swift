/// The stream registry: one row per stream a table has had. A stream's records are the item
/// history rows of its table with `start_seq < seq ≤ end_seq` (no end while it is enabled);
/// `trimmed_seq` remembers how far history was physically pruned, so that reads before that
/// point still fail as trimmed.
public struct StreamRow: Sendable, Equatable {
    public var arn: String
    public var account: String
    public var region: String
    public var tableName: String
    public var tid: Int64
    public var label: String
    public var viewType: String
    /// The table's key schema (JSON, owned by the operations layer).
    public var keySchema: [UInt8]
    public var startSeq: Int64
    public var endSeq: Int64?
    public var createdAt: Double
    public var disabledAt: Double?
    public var trimmedSeq: Int64

    public init(arn: String, account: String, region: String, tableName: String, tid: Int64, label: String, viewType: String,
                keySchema: [UInt8], startSeq: Int64, endSeq: Int64? = nil, createdAt: Double, disabledAt: Double? = nil, trimmedSeq: Int64 = 0) {
        self.arn = arn
        self.account = account
        self.region = region
        self.tableName = tableName
        self.tid = tid
        self.label = label
        self.viewType = viewType
        self.keySchema = keySchema
        self.startSeq = startSeq
        self.endSeq = endSeq
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.trimmedSeq = trimmedSeq
    }

    public var isEnabled: Bool { endSeq == nil }
}

extension StorageReader {
    static let streamColumns = "arn, account, region, table_name, tid, label, view_type, key_schema, start_seq, end_seq, created_at, disabled_at, trimmed_seq"

    static func streamRow(_ s: SQLiteStatement) -> StreamRow {
        StreamRow(arn: s.string(0), account: s.string(1), region: s.string(2), tableName: s.string(3), tid: s.int64(4),
                  label: s.string(5), viewType: s.string(6), keySchema: s.blob(7), startSeq: s.int64(8),
                  endSeq: s.isNull(9) ? nil : s.int64(9), createdAt: s.double(10), disabledAt: s.isNull(11) ? nil : s.double(11),
                  trimmedSeq: s.int64(12))
    }

    public func stream(arn: String) throws(SQLiteError) -> StreamRow? {
        let s = try db.statement("SELECT \(StorageReader.streamColumns) FROM ddb_streams WHERE arn = ?1")
        defer { s.reset() }
        s.bind(1, arn)
        guard try s.step() else { return nil }
        return StorageReader.streamRow(s)
    }

    /// Streams of one account and region, by table name, then creation.
    public func streams(account: String, region: String) throws(SQLiteError) -> [StreamRow] {
        let s = try db.statement("SELECT \(StorageReader.streamColumns) FROM ddb_streams WHERE account = ?1 AND region = ?2 ORDER BY table_name, created_at, arn")
        defer { s.reset() }
        s.bind(1, account).bind(2, region)
        var out: [StreamRow] = []
        while try s.step() { out.append(StorageReader.streamRow(s)) }
        return out
    }

    /// Every stream, any account (maintenance).
    public func allStreams() throws(SQLiteError) -> [StreamRow] {
        let s = try db.statement("SELECT \(StorageReader.streamColumns) FROM ddb_streams ORDER BY tid, created_at")
        defer { s.reset() }
        var out: [StreamRow] = []
        while try s.step() { out.append(StorageReader.streamRow(s)) }
        return out
    }
}

extension StorageWriter {
    public func insertStream(_ row: StreamRow) throws(SQLiteError) {
        let s = try db.statement("""
            INSERT OR REPLACE INTO ddb_streams(arn, account, region, table_name, tid, label, view_type, key_schema, start_seq, end_seq,
                                               created_at, disabled_at, trimmed_seq)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10, NULL, 0)
            """)
        s.bind(1, row.arn).bind(2, row.account).bind(3, row.region).bind(4, row.tableName).bind(5, row.tid).bind(6, row.label)
            .bind(7, row.viewType).bind(8, blob: row.keySchema).bind(9, row.startSeq).bind(10, row.createdAt)
        try s.run()
    }

    /// Closes the open stream of table `tid` (if any): its records end at `endSeq`.
    public func closeStreams(tid: Int64, endSeq: Int64, at: Double) throws(SQLiteError) {
        try db.statement("UPDATE ddb_streams SET end_seq = ?2, disabled_at = ?3 WHERE tid = ?1 AND end_seq IS NULL")
            .bind(1, tid).bind(2, endSeq).bind(3, at).run()
    }

    public func deleteStream(arn: String) throws(SQLiteError) {
        try db.statement("DELETE FROM ddb_streams WHERE arn = ?1").bind(1, arn).run()
    }

    /// Raises a stream's pruning watermark.
    public func setTrimmedSeq(arn: String, _ seq: Int64) throws(SQLiteError) {
        try db.statement("UPDATE ddb_streams SET trimmed_seq = MAX(trimmed_seq, ?2) WHERE arn = ?1").bind(1, arn).bind(2, seq).run()
    }
}
