import DynamoModel
import DynamoStorage

/// A stream's shards over time. DynamoDB closes a stream's shard every few hours and opens a
/// child shard in its place (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Shards);
/// Warden does so every `rolloverSeconds` (`--shard-rollover-seconds`, default 4 hours) of the
/// simulated clock. Shard k covers the stream's records written in
/// [created + k·period, created + (k+1)·period): its sequence numbers are those after the last
/// record written before its window began, through the last written before the next window.
/// Shards are derived from the history, so nothing about them is stored.
struct StreamShard: Equatable {
    var index: Int
    var id: String
    var parentId: String?
    /// Records with a sequence number above this belong to the shard…
    var afterSeq: Int64
    /// …through this one; nil while the shard is open.
    var throughSeq: Int64?

    var isOpen: Bool { throughSeq == nil }
}

enum StreamShards {
    /// The stream's shards still readable at `now` (those whose records are not all past the
    /// 24-hour retention), oldest first.
    static func list(_ row: StreamRow, period: Double, reader: StorageReader, now: Double) throws -> [StreamShard] {
        let end = min(row.disabledAt ?? now, now)
        let count = max(1, Int(((end - row.createdAt) / period).rounded(.down)) + 1)
        let oldestLive = max(0, Int(((now - StreamPosition.retention - row.createdAt) / period).rounded(.down)))
        let first = min(oldestLive, count - 1)
        let floor = max(row.startSeq, row.trimmedSeq)
        func boundary(_ k: Int) throws -> Int64 {
            if k == 0 { return row.startSeq }
            let start = row.createdAt + Double(k) * period
            return max(floor, try reader.lastHistorySeq(tid: row.tid, afterSeq: row.startSeq, throughSeq: row.endSeq, before: start) ?? floor)
        }
        var shards: [StreamShard] = []
        var lower = try boundary(first)
        for k in first..<count {
            let last = k == count - 1
            let upper: Int64? = last ? row.endSeq : max(lower, try boundary(k + 1))
            shards.append(StreamShard(index: k, id: id(row, k, period: period), parentId: k == 0 ? nil : id(row, k - 1, period: period),
                                      afterSeq: lower, throughSeq: upper))
            if let upper { lower = upper }
        }
        return shards
    }

    /// The first shard keeps the id streams have always had; children are named after the
    /// time their window opens, in AWS's shape.
    static func id(_ row: StreamRow, _ k: Int, period: Double) -> String {
        if k == 0 { return StreamNames.shardId(row) }
        let millis = String(Int64(((row.createdAt + Double(k) * period) * 1000).rounded(.down))).leftPadded(to: 20)
        return "shardId-\(millis)-\(String(Hash.fnv("\(row.arn)#\(k)") & 0xFFFF_FFFF, radix: 16).leftPadded(to: 8))"
    }

    /// The live shard with this id, or AWS's ResourceNotFoundException.
    static func require(_ shardId: String, row: StreamRow, service: DynamoService, now: Double) throws(DynamoError) -> StreamShard {
        let shards = try service.read { try list(row, period: service.shardRolloverSeconds, reader: $0, now: now) }
        guard let shard = shards.first(where: { $0.id == shardId }) else { throw .shardNotFound(shardId) }
        return shard
    }
}
