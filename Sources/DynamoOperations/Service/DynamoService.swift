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

    /// Parsed on UTF-8 bytes (ARNs are split on ASCII `:` and `/`), which is several times
    /// cheaper than splitting Characters; this runs for every authorization check.
    public init?(_ text: String) {
        let bytes = text.utf8
        guard bytes.starts(with: "arn:".utf8) else { return nil }
        let parts = bytes.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2].elementsEqual("dynamodb".utf8),
              parts[1].elementsEqual("aws".utf8) || parts[1].starts(with: "aws-".utf8),
              !parts[3].isEmpty, !parts[4].isEmpty else { return nil }
        let resource = parts[5]
        guard resource.starts(with: "table/".utf8) else { return nil }
        let rest = resource.dropFirst("table/".utf8.count)
        let slash = rest.firstIndex(of: UInt8(ascii: "/"))
        let first = rest[..<(slash ?? rest.endIndex)]
        guard !first.isEmpty else { return nil }
        region = String(Substring(parts[3]))
        account = String(Substring(parts[4]))
        name = String(Substring(first))
        suffix = slash.map { String(Substring(rest[bytes.index(after: $0)...])) }
    }
}
