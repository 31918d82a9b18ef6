import DynamoModel
import DynamoStorage

/// GetShardIterator (Streams API) — https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetShardIterator.html
/// TRIM_HORIZON starts at the oldest record not yet trimmed (24 hours), LATEST after the
/// newest, AT/AFTER_SEQUENCE_NUMBER at or after a record; a position before the trim point is
/// TrimmedDataAccessException.
struct GetShardIterator: DynamoOperation {
    static let name = "GetShardIterator"
    static let readOnly = true

    enum Kind: String {
        case trimHorizon = "TRIM_HORIZON", latest = "LATEST", at = "AT_SEQUENCE_NUMBER", after = "AFTER_SEQUENCE_NUMBER"
    }

    let streamArn: String
    let shardId: String
    let kind: Kind
    let sequence: Int64?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let arn = try p.string("StreamArn")
        c.notNull(arn, at: "streamArn")
        c.length(arn, at: "streamArn", min: 37, max: 1024)
        let shard = try p.string("ShardId")
        c.notNull(shard, at: "shardId")
        c.length(shard, at: "shardId", min: 28, max: 65)
        let type = try p.string("ShardIteratorType")
        c.notNull(type, at: "shardIteratorType")
        c.oneOf(type, at: "shardIteratorType", ["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"])
        let seq = try p.string("SequenceNumber")
        c.length(seq, at: "sequenceNumber", min: 21, max: 40)
        try c.check()
        if let arn, !StreamNames.isStreamArn(arn) { throw .validation("Invalid StreamArn") }
        let kind = Kind(rawValue: type ?? "") ?? .latest
        switch kind {
        case .at, .after:
            guard let seq else { throw .validation("SequenceNumber is required when ShardIteratorType is \(kind.rawValue)") }
            guard let n = StreamNames.parseSequenceNumber(seq) else { throw .validation("Invalid SequenceNumber: \(seq)") }
            sequence = n
        case .trimHorizon, .latest:
            if seq != nil { throw .validation("SequenceNumber must not be specified when ShardIteratorType is \(kind.rawValue)") }
            sequence = nil
        }
        streamArn = arn ?? ""
        shardId = shard ?? ""
        self.kind = kind
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:GetShardIterator", resource: streamArn,
                                                 resourceAccount: StreamNames.account(of: streamArn, env: env), policyResource: streamArn)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let row = try StreamNames.requireStream(streamArn, service: service, now: env.now)
            let shard = try StreamShards.require(shardId, row: row, service: service, now: env.now)
            let (streamTrim, streamLast) = try service.read { reader in
                (try StreamPosition.trimSeq(row, reader: reader, now: env.now), try StreamPosition.lastSeq(row, reader: reader))
            }
            let trim = max(streamTrim, shard.afterSeq)
            let last = shard.throughSeq.map { min($0, streamLast) } ?? streamLast
            var position: Int64
            switch kind {
            case .trimHorizon: position = trim
            case .latest: position = last
            case .at: position = (sequence ?? 0) - 1
            case .after: position = sequence ?? 0
            }
            position = min(max(position, shard.afterSeq), max(last, shard.afterSeq))
            if position < trim { throw .trimmedDataAccess() }
            let iterator = ShardIterator(streamArn: row.arn, shardId: shardId, position: position, issuedAt: env.now)
            return encode(["ShardIterator": .string(iterator.encoded(key: service.iteratorKey))])
        }
    }
}
