import DynamoModel
import DynamoStorage

/// DescribeStream (Streams API) — https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_DescribeStream.html
/// Each stream has one shard for its whole life; a closed (DISABLED) stream's shard has an
/// EndingSequenceNumber.
struct DescribeStream: DynamoOperation {
    static let name = "DescribeStream"
    static let readOnly = true

    let streamArn: String
    let limit: Int
    let exclusiveStartShardId: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        c.atMost(limit, at: "limit", 100)
        let start = try p.string("ExclusiveStartShardId")
        c.length(start, at: "exclusiveStartShardId", min: 28, max: 65)
        try c.check()
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
            let shardId = StreamNames.shardId(row)
            var range: [(String, JSONValue)] = [("StartingSequenceNumber", .string(StreamNames.sequenceNumber(row.startSeq + 1)))]
            if let end = row.endSeq {
                range.append(("EndingSequenceNumber", .string(StreamNames.sequenceNumber(max(end, row.startSeq + 1)))))
            }
            var shards: [JSONValue] = [["ShardId": .string(shardId), "SequenceNumberRange": .object(range)]]
            if let start = exclusiveStartShardId, !Array(start.utf8).lexicographicallyPrecedes(Array(shardId.utf8)) {
                shards = []
            }
            let description: JSONValue = .object([
                ("StreamArn", .string(row.arn)),
                ("StreamLabel", .string(row.label)),
                ("StreamStatus", .string(row.isEnabled ? "ENABLED" : "DISABLED")),
                ("StreamViewType", .string(row.viewType)),
                ("CreationRequestDateTime", .timestamp(row.createdAt)),
                ("TableName", .string(row.tableName)),
                ("KeySchema", try StreamNames.keySchema(row).json),
                ("Shards", .array(shards)),
            ])
            return encode(["StreamDescription": description])
        }
    }
}
