import DynamoModel
import DynamoStorage

/// DescribeStream (Streams API) — https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_DescribeStream.html
/// The stream's shards (see `StreamShards`): closed ones have an EndingSequenceNumber and each
/// child names its ParentShardId; `ShardFilter` CHILD_SHARDS lists the children of one shard;
/// `Limit` / `ExclusiveStartShardId` page with `LastEvaluatedShardId`.
struct DescribeStream: DynamoOperation {
    static let name = "DescribeStream"
    static let readOnly = true

    let streamArn: String
    let limit: Int
    let exclusiveStartShardId: String?
    /// ShardFilter CHILD_SHARDS: the parent whose children are listed.
    let childrenOf: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        c.atMost(limit, at: "limit", 100)
        let start = try p.string("ExclusiveStartShardId")
        c.length(start, at: "exclusiveStartShardId", min: 28, max: 65)
        var parent: String?
        if let filter = try p.structure("ShardFilter") {
            let type = try filter.string("Type")
            c.oneOf(type, at: "shardFilter.type", ["CHILD_SHARDS"])
            parent = try filter.string("ShardId")
            c.length(parent, at: "shardFilter.shardId", min: 28, max: 65)
            try c.check()
            if type == nil || parent == nil {
                throw .validation("ShardFilter must specify both Type and ShardId")
            }
        }
        try c.check()
        childrenOf = parent
        streamArn = try StreamNames.readArn(p) ?? ""
        self.limit = Int(limit ?? 100)
        exclusiveStartShardId = start
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:DescribeStream", resource: streamArn,
                                                 resourceAccount: StreamNames.account(of: streamArn, env: env), policyResource: streamArn)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let row = try StreamNames.requireStream(streamArn, service: service, now: env.now)
            var shards = try service.read { try StreamShards.list(row, period: service.shardRolloverSeconds, reader: $0, now: env.now) }
            if let parent = childrenOf { shards = shards.filter { $0.parentId == parent } }
            if let start = exclusiveStartShardId {
                shards = shards.filter { Array(start.utf8).lexicographicallyPrecedes(Array($0.id.utf8)) }
            }
            let page = shards.prefix(limit)
            let rendered: [JSONValue] = page.map { shard in
                var range: [(String, JSONValue)] = [("StartingSequenceNumber", .string(StreamNames.sequenceNumber(shard.afterSeq + 1)))]
                if let end = shard.throughSeq {
                    range.append(("EndingSequenceNumber", .string(StreamNames.sequenceNumber(max(end, shard.afterSeq + 1)))))
                }
                var m: [(String, JSONValue)] = [("ShardId", .string(shard.id)), ("SequenceNumberRange", .object(range))]
                if let parent = shard.parentId { m.append(("ParentShardId", .string(parent))) }
                return .object(m)
            }
            let description: JSONValue = .object([
                ("StreamArn", .string(row.arn)),
                ("StreamLabel", .string(row.label)),
                ("StreamStatus", .string(row.isEnabled ? "ENABLED" : "DISABLED")),
                ("StreamViewType", .string(row.viewType)),
                ("CreationRequestDateTime", .timestamp(row.createdAt)),
                ("TableName", .string(row.tableName)),
                ("KeySchema", try StreamNames.keySchema(row).json),
                ("Shards", .array(rendered)),
            ] + (shards.count > limit ? [("LastEvaluatedShardId", .string(page.last!.id))] : []))
            return encode(["StreamDescription": description])
        }
    }
}
