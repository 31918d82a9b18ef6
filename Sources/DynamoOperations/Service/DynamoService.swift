import DynamoModel
import DynamoStorage
import FoundationEssentials

/// Everything the operations share: the store, the catalog of table definitions, the
/// simulated clock and id generation.
public final class DynamoService: Sendable {
    public let store: Store
    public let catalog: Catalog
    public let clock: WardenClock
    let idempotency = IdempotencyTokens()
    /// Authenticates shard iterators (see `ShardIterator`).
    let iteratorKey: [UInt8]
    /// CREATING / UPDATING / DELETING transitions (none by default).
    public let lifecycle: Lifecycle
    /// How long a stream shard stays open before it is closed and a child shard opens.
    public let shardRolloverSeconds: Double
    /// [kms] KMS for tables encrypted with a KMS key (installed by the server).
    public let tableKeys = TableKeysSlot()
    /// [global] Replicas whose resource policy stops replication into them.
    public let blockedReplicas = BlockedReplicas()

    public init(store: Store, clock: WardenClock, transitionSeconds: Double = 0, shardRolloverSeconds: Double = 4 * 3600) throws {
        self.store = store
        self.clock = clock
        self.lifecycle = Lifecycle(seconds: transitionSeconds)
        self.shardRolloverSeconds = shardRolloverSeconds
        self.catalog = Catalog()
        iteratorKey = try ShardIteratorKey.load(store)
        let records = try store.read { try $0.tables() }
        let decoder = JSONDecoder()
        for record in records {
            let definition = try decoder.decode(TableDefinition.self, from: Data(record.definition))
            catalog.put(definition)
        }
    }

    /// Resolves a TableName parameter — a name in the caller's account and region, or a table
    /// ARN (which may name another account) — to its key.
    public func tableKey(_ nameOrArn: String, env: RequestEnvironment) -> TableKey {
        if let parsed = TableArn(nameOrArn) {
            return TableKey(account: parsed.account, region: parsed.region, name: parsed.name)
        }
        return TableKey(account: env.accountId, region: env.region, name: nameOrArn)
    }

    public func table(_ nameOrArn: String, env: RequestEnvironment) -> TableDefinition? {
        catalog.get(tableKey(nameOrArn, env: env))
    }

    /// The table or AWS's ResourceNotFoundException for it.
    public func requireTable(_ nameOrArn: String, env: RequestEnvironment) throws(DynamoError) -> TableDefinition {
        guard let t = table(nameOrArn, env: env) else { throw .resourceNotFound() }
        // A table being created cannot be read or written yet.
        if lifecycle.seconds > 0, lifecycle.tableStatus(tableKey(nameOrArn, env: env), now: env.now) == "CREATING" {
            throw .resourceNotFound()
        }
        // [kms] A table whose KMS key became unusable fails once DynamoDB notices.
        if t.sse?.kmsMasterKeyArn != nil, let down = TableEncryption.inaccessible(t, service: self, now: env.now) {
            throw TableEncryption.accessDenied(down, requestId: env.requestId)
        }
        return t
    }

    /// The table's ARN: the catalog's own string when the table exists, so the checks of a
    /// 25-item batch (kept in the decision log) share one copy instead of making 25.
    public func tableArn(_ nameOrArn: String, env: RequestEnvironment) -> String {
        let key = tableKey(nameOrArn, env: env)
        if let arn = catalog.arn(key) { return arn }
        return "arn:aws:dynamodb:\(key.region):\(key.account):table/\(key.name)"
    }

    /// A table's definition as stored; a failure is thrown (the write rolls back), never stored
    /// as an empty definition.
    static func encodeDefinition(_ definition: TableDefinition) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(definition))
    }
}

/// `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME[/index/INDEX | /stream/LABEL]`.
public struct TableArn: Sendable, Equatable {
    public var region: String
    public var account: String
    public var name: String
    public var suffix: String?

    /// Parsed on UTF-8 bytes by offset (ARNs are split on ASCII `:` and `/`): this runs for
    /// every authorization check and every audited item call. A generic `split` over the
    /// UTF-8 view cost ~10,000 instructions per ARN (callgrind); this costs a few hundred.
    public init?(_ text: String) {
        var text = text
        guard let parts = text.withUTF8({ bytes in
            TableArn.fields(bytes)?.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }) else { return nil }
        region = parts[0]
        account = parts[1]
        name = parts[2]
        suffix = parts.count == 4 ? parts[3] : nil
    }

    /// The byte ranges of region, account, table name and (when there is one) what follows
    /// `table/<name>/`, or nil when `bytes` is no DynamoDB table ARN:
    /// `arn:<aws|aws-…>:dynamodb:<region>:<account>:table/<name>[/<suffix>]`.
    static func fields(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        let colon = UInt8(ascii: ":")
        func matches(_ literal: StaticString, at start: Int, end: Int) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard end - start >= n else { return false }
            let p = literal.utf8Start
            for i in 0..<n where bytes[start + i] != p[i] { return false }
            return true
        }
        guard matches("arn:", at: 0, end: bytes.count) else { return nil }
        // The ends of the first five colon-separated parts; the sixth (the resource) may
        // hold colons of its own.
        var cuts = [3]
        cuts.reserveCapacity(5)
        var i = 4
        while i < bytes.count && cuts.count < 5 {
            if bytes[i] == colon { cuts.append(i) }
            i += 1
        }
        guard cuts.count == 5 else { return nil }
        let partition = (cuts[0] + 1)..<cuts[1], service = (cuts[1] + 1)..<cuts[2]
        let region = (cuts[2] + 1)..<cuts[3], account = (cuts[3] + 1)..<cuts[4]
        guard service.count == 8, matches("dynamodb", at: service.lowerBound, end: service.upperBound),
              (partition.count == 3 && matches("aws", at: partition.lowerBound, end: partition.upperBound))
                || matches("aws-", at: partition.lowerBound, end: partition.upperBound),
              !region.isEmpty, !account.isEmpty else { return nil }
        let resource = cuts[4] + 1
        guard matches("table/", at: resource, end: bytes.count) else { return nil }
        let nameStart = resource + 6
        var slash = nameStart
        while slash < bytes.count && bytes[slash] != UInt8(ascii: "/") { slash += 1 }
        guard slash > nameStart else { return nil }
        var fields = [region, account, nameStart..<slash]
        if slash < bytes.count { fields.append((slash + 1)..<bytes.count) }
        return fields
    }
}
