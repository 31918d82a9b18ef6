/// Item-history queries for point-in-time restores (newest first, back to a time) and for
/// stream reads (a sequence range of one table), and history pruning.
extension StorageReader {
    func historyRow(_ s: SQLiteStatement) throws(SQLiteError) -> HistoryRow {
        HistoryRow(seq: s.int64(0), tid: s.int64(1), pk: s.blob(2), sk: s.blob(3), at: s.double(4),
                   oldItem: try sealing.open(s.optionalBlob(5)), newItem: try sealing.open(s.optionalBlob(6)), origin: s.string(7))
    }

    /// Changes of table `tid` made at or after `at`, newest first: undoing them in this order
    /// (each item back to its old image) turns the current items into the items as they were
    /// just before `at`.
    public func changes(tid: Int64, since at: Double, visit: (HistoryRow) throws -> Bool) throws {
        let s = try db.statement("""
            SELECT seq, tid, pk, sk, at, old_item, new_item, origin FROM ddb_history
            WHERE tid = ?1 AND seq >= COALESCE((SELECT MIN(seq) FROM ddb_history WHERE tid = ?1 AND at >= ?2), 9223372036854775807)
            ORDER BY seq DESC
            """)
        defer { s.reset() }
        s.bind(1, tid).bind(2, at)
        while try s.step() {
            if try !visit(historyRow(s)) { break }
        }
    }

    /// History rows of table `tid` with `afterSeq < seq ≤ throughSeq` (no upper bound when
    /// nil), oldest first, at most `limit`.
    public func history(tid: Int64, afterSeq: Int64, throughSeq: Int64?, limit: Int, visit: (HistoryRow) throws -> Bool) throws {
        let s = try db.statement("""
            SELECT seq, tid, pk, sk, at, old_item, new_item, origin FROM ddb_history
            WHERE tid = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4
            """)
        defer { s.reset() }
        s.bind(1, tid).bind(2, afterSeq).bind(3, throughSeq ?? Int64.max).bind(4, limit)
        while try s.step() {
            if try !visit(historyRow(s)) { break }
        }
    }

    /// The newest sequence number of table `tid` in `(afterSeq, throughSeq]`, optionally only
    /// among rows older than `before`; nil when there is none.
    ///
    /// Logarithmic in the table's history, not linear: a `MAX(seq)` with a condition on `at`
    /// would visit every row of the range (each GetRecords asks, so a stream's reads slowed
    /// as its history grew). Rows are appended as the (forward-only) service clock runs, so
    /// `at` rises with `seq`, and the newest row older than `before` is found by bisection
    /// over the `(tid, seq)` index.
    public func lastHistorySeq(tid: Int64, afterSeq: Int64, throughSeq: Int64?, before: Double = .infinity) throws(SQLiteError) -> Int64? {
        let through = throughSeq ?? Int64.max
        let last = try db.statement("SELECT seq, at FROM ddb_history WHERE tid = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq DESC LIMIT 1")
        defer { last.reset() }
        last.bind(1, tid).bind(2, afterSeq).bind(3, through)
        guard try last.step() else { return nil }
        let (newest, newestAt) = (last.int64(0), last.double(1))
        if newestAt < before { return newest }
        // The first row at or after `seq` within the range: (seq, at).
        let next = try db.statement("SELECT seq, at FROM ddb_history WHERE tid = ?1 AND seq >= ?2 AND seq <= ?3 ORDER BY seq LIMIT 1")
        defer { next.reset() }
        func first(from seq: Int64) throws(SQLiteError) -> (Int64, Double)? {
            next.reset()
            next.bind(1, tid).bind(2, seq).bind(3, through)
            return try next.step() ? (next.int64(0), next.double(1)) : nil
        }
        guard let oldest = try first(from: afterSeq &+ 1), oldest.1 < before else { return nil }
        // Invariant: `low` is a row older than `before`; every row from `high` on is not.
        var low = oldest.0, high = newest
        while true {
            let middle = low + max(1, (high - low) / 2)
            guard middle < high, let probe = try first(from: middle), probe.0 < high else { return low }
            if probe.1 < before { low = probe.0 } else { high = probe.0 }
        }
    }

    /// Every table id that has history rows (including deleted tables').
    public func historyTableIds() throws(SQLiteError) -> [Int64] {
        let s = try db.statement("SELECT DISTINCT tid FROM ddb_history")
        defer { s.reset() }
        var out: [Int64] = []
        while try s.step() { out.append(s.int64(0)) }
        return out
    }
}

extension StorageWriter {
    /// Deletes the history of table `tid` older than `before`; returns how many rows went.
    @discardableResult
    public func pruneHistory(tid: Int64, before: Double) throws(SQLiteError) -> Int {
        try db.statement("DELETE FROM ddb_history WHERE tid = ?1 AND at < ?2").bind(1, tid).bind(2, before).run()
        return db.changes
    }
}
