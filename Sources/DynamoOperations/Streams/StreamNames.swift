import DynamoModel
import DynamoStorage
import FoundationEssentials

/// Names and numbers of the Streams API: stream ARNs, shard ids, sequence numbers, and the
/// exceptions, with the `com.amazonaws.dynamodb.v20120810#` namespace the Streams endpoint
/// shares with DynamoDB.
enum StreamNames {
    /// One shard per stream: `shardId-` + the stream's creation time in milliseconds (20
    /// digits) + `-` + 8 hex digits, AWS's shape.
    static func shardId(_ row: StreamRow) -> String {
        let millis = String(Int64((row.createdAt * 1000).rounded(.down))).leftPadded(to: 20)
        return "shardId-\(millis)-\(String(Hash.fnv(row.arn) & 0xFFFF_FFFF, radix: 16).leftPadded(to: 8))"
    }

    /// A history sequence number as a stream sequence number: 21 decimal digits, `3` then the
    /// number zero-padded, so that string order is numeric order.
    static func sequenceNumber(_ seq: Int64) -> String {
        "3" + String(seq).leftPadded(to: 20)
    }

    static func parseSequenceNumber(_ text: String) -> Int64? {
        guard text.utf8.count == 21, text.hasPrefix("3"), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int64(text.dropFirst())
    }

    /// A stream ARN: `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL`.
    static func isStreamArn(_ text: String) -> Bool {
        guard let arn = TableArn(text), let suffix = arn.suffix else { return false }
        return suffix.hasPrefix("stream/") && suffix.count > "stream/".count && !suffix.dropFirst("stream/".count).contains("/")
    }

    /// The StreamArn member: 37–1024 characters, a stream ARN.
    static func readArn(_ p: Params, key: String = "StreamArn", path: String = "streamArn", required: Bool = true) throws(DynamoError) -> String? {
        var c = Constraints()
        let arn = try p.string(key)
        if required { c.notNull(arn, at: path) }
        c.length(arn, at: path, min: 37, max: 1024)
        try c.check()
        if let arn, !isStreamArn(arn) { throw .validation("Invalid StreamArn") }
        return arn
    }

    static func account(of arn: String, env: RequestEnvironment) -> String {
        TableArn(arn)?.account ?? env.accountId
    }

    /// The live stream with this ARN, or AWS's ResourceNotFoundException.
    static func requireStream(_ arn: String, service: DynamoService, now: Double) throws(DynamoError) -> StreamRow {
        guard let row = try service.read({ try $0.stream(arn: arn) }), StreamLifecycle.isLive(row, now: now) else {
            throw .resourceNotFound("Requested resource not found: Stream: \(arn) not found")
        }
        return row
    }

    static func keySchema(_ row: StreamRow) throws(DynamoError) -> KeySchema {
        do {
            return try JSONDecoder().decode(KeySchema.self, from: Data(row.keySchema))
        } catch {
            throw .internalFailure()
        }
    }
}

/// Where a stream's records begin and end at a given time: records older than 24 hours are
/// trimmed, and a closed stream ends where it was closed.
struct StreamPosition {
    static let retention: Double = 86_400

    /// Records with a sequence number at or below this have been trimmed.
    static func trimSeq(_ row: StreamRow, reader: StorageReader, now: Double) throws -> Int64 {
        let aged = try reader.lastHistorySeq(tid: row.tid, afterSeq: row.startSeq, throughSeq: row.endSeq, before: now - retention)
        return max(row.startSeq, row.trimmedSeq, aged ?? 0)
    }

    /// The newest record's sequence number (or where the stream starts or ends when it has none).
    static func lastSeq(_ row: StreamRow, reader: StorageReader) throws -> Int64 {
        if let end = row.endSeq { return max(end, row.startSeq) }
        return try reader.lastHistorySeq(tid: row.tid, afterSeq: row.startSeq, throughSeq: nil) ?? row.startSeq
    }
}

extension DynamoError {
    static func expiredIterator() -> DynamoError {
        DynamoError(code: "ExpiredIteratorException", message: "Shard iterator has expired")
    }

    static func trimmedDataAccess() -> DynamoError {
        DynamoError(code: "TrimmedDataAccessException", message: "The data you are trying to access has been trimmed")
    }

    static func shardNotFound(_ shardId: String) -> DynamoError {
        .resourceNotFound("Requested resource not found: Shard: \(shardId) not found")
    }
}

/// FNV-1a: small stable hashes for ids derived from names.
enum Hash {
    static func fnv(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
