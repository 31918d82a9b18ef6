import DynamoModel
import DynamoStorage

/// GetRecords (Streams API) — https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetRecords.html
/// Up to `Limit` (1–1000, default 1000) records or 1 MB after the iterator's position, in
/// order, and the next iterator; a closed shard read to its end has no NextShardIterator.
/// Iterators expire 15 minutes after they were issued (ExpiredIteratorException); reading
/// records older than 24 hours fails with TrimmedDataAccessException.
struct GetRecords: DynamoOperation {
    static let name = "GetRecords"
    static let readOnly = true
    static let maxBytes = 1024 * 1024

    /// The iterator as given; opened (authenticated) when the request runs.
    let iteratorText: String
    let streamArn: String
    let limit: Int

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let text = try p.string("ShardIterator")
        c.notNull(text, at: "shardIterator")
        c.length(text, at: "shardIterator", min: 1, max: 2048)
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        c.atMost(limit, at: "limit", 1000)
        try c.check()
        guard let arn = ShardIterator.streamArn(of: text ?? "") else { throw .validation("Invalid ShardIterator") }
        iteratorText = text ?? ""
        streamArn = arn
        self.limit = Int(limit ?? 1000)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let arn = streamArn
        return AuthorizationRequest([AuthorizationCheck(action: "dynamodb:GetRecords", resource: arn,
                                                        resourceAccount: StreamNames.account(of: arn, env: env), policyResource: arn)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            guard let iterator = ShardIterator(iteratorText, key: service.iteratorKey) else { throw .validation("Invalid ShardIterator") }
            if iterator.expired(now: env.now) { throw .expiredIterator() }
            let row = try StreamNames.requireStream(iterator.streamArn, service: service, now: env.now)
            let shard = try StreamShards.require(iterator.shardId, row: row, service: service, now: env.now)
            let builder = try StreamRecordBuilder(row: row)
            var w = JSONWriter(capacity: 4096)
            var position = iterator.position
            var more = false
            do {
                try service.store.read { reader in
                    if try StreamPosition.trimSeq(row, reader: reader, now: env.now) > position { throw DynamoError.trimmedDataAccess() }
                    w.raw("{\"Records\":[")
                    var count = 0, bytes = 0
                    try reader.history(tid: row.tid, afterSeq: max(position, shard.afterSeq), throughSeq: shard.throughSeq ?? row.endSeq,
                                       limit: limit + 1) { h in
                        if count == limit { more = true; return false }
                        var record = JSONWriter(capacity: 1024)
                        let size = try builder.write(h, into: &record)
                        if count > 0 && bytes + size > GetRecords.maxBytes { more = true; return false }
                        if count > 0 { w.raw(",") }
                        w.raw(bytes: record.bytes)
                        count += 1
                        bytes += size
                        position = h.seq
                        return true
                    }
                    w.raw("]")
                }
            } catch let error as DynamoError {
                throw error
            } catch {
                throw .internalFailure()
            }
            // An open shard always continues; a closed one until its last record was returned.
            if shard.isOpen && row.isEnabled || more {
                let next = ShardIterator(streamArn: row.arn, shardId: iterator.shardId, position: position, issuedAt: env.now)
                w.raw(",\"NextShardIterator\":")
                w.writeString(next.encoded(key: service.iteratorKey))
            }
            w.raw("}")
            return w.bytes
        }
    }
}
