import WardenSupport
/// Everything Warden knows about a table's configuration, persisted as JSON in the table's
/// catalog row. Counters (ItemCount, TableSizeBytes) live beside it in storage.
public struct TableDefinition: Sendable, Codable, Equatable {
    public var account: String
    public var region: String
    public var name: String
    public var tableId: String
    public var storageId: Int64
    public var keySchema: KeySchema
    public var attributeDefinitions: [AttributeDefinition]
    public var globalIndexes: [IndexDefinition]
    public var localIndexes: [IndexDefinition]
    public var billingMode: BillingMode
    /// Set when the table has been switched to on-demand (or created so) — AWS reports it.
    public var lastUpdateToPayPerRequest: Double?
    public var provisioned: ProvisionedThroughput
    public var onDemand: OnDemandThroughput?
    public var sse: SSESettings?
    public var stream: StreamSettings?
    public var deletionProtection: Bool
    public var tableClass: String?
    public var tableClassLastUpdate: Double?
    public var createdAt: Double
    public var ttl: TTLSettings?
    public var tags: [Tag]
    /// The table's resource-based policy (it also covers the table's indexes).
    public var resourcePolicy: ResourcePolicyRecord?
    /// Resource-based policies of the table's streams, by stream label.
    public var streamPolicies: [String: ResourcePolicyRecord]?
    // [pitr] Point-in-time recovery settings (nil: never enabled) and, for a table made by a
    // restore, where it came from (DescribeTable's RestoreSummary).
    public var pitr: PITRSettings?
    public var restoreSummary: RestoreSummary?
    /// [global] The other regions holding a replica of this table (global tables version
    /// 2019.11.21); nil for a regional table. Every replica lists every other one.
    public var replicas: [ReplicaMember]?

    public init(account: String, region: String, name: String, tableId: String, storageId: Int64, keySchema: KeySchema,
                attributeDefinitions: [AttributeDefinition], globalIndexes: [IndexDefinition] = [], localIndexes: [IndexDefinition] = [],
                billingMode: BillingMode, provisioned: ProvisionedThroughput, createdAt: Double) {
        self.account = account
        self.region = region
        self.name = name
        self.tableId = tableId
        self.storageId = storageId
        self.keySchema = keySchema
        self.attributeDefinitions = attributeDefinitions
        self.globalIndexes = globalIndexes
        self.localIndexes = localIndexes
        self.billingMode = billingMode
        self.provisioned = provisioned
        self.deletionProtection = false
        self.createdAt = createdAt
        self.tags = []
    }

    public var arn: String { "arn:aws:dynamodb:\(region):\(account):table/\(name)" }

    public var allIndexes: [IndexDefinition] { localIndexes + globalIndexes }

    public func index(named name: String) -> IndexDefinition? {
        allIndexes.first { $0.name == name }
    }

    public func attributeType(_ name: String) -> ScalarType? {
        attributeDefinitions.first { AttributeName($0.name) == AttributeName(name) }?.type
    }
}

public struct AttributeDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var type: ScalarType
    public init(name: String, type: ScalarType) {
        self.name = name
        self.type = type
    }
}

public enum BillingMode: String, Sendable, Codable {
    case provisioned = "PROVISIONED"
    case payPerRequest = "PAY_PER_REQUEST"
}

public struct ProvisionedThroughput: Sendable, Codable, Equatable {
    public var read: Int64
    public var write: Int64
    public var lastIncrease: Double?
    public var lastDecrease: Double?
    public var decreasesToday: Int

    public init(read: Int64, write: Int64) {
        self.read = read
        self.write = write
        self.decreasesToday = 0
    }

    public static let zero = ProvisionedThroughput(read: 0, write: 0)
}

public struct OnDemandThroughput: Sendable, Codable, Equatable {
    public var maxRead: Int64?
    public var maxWrite: Int64?
    public init(maxRead: Int64?, maxWrite: Int64?) {
        self.maxRead = maxRead
        self.maxWrite = maxWrite
    }
}

public enum ProjectionType: String, Sendable, Codable {
    case all = "ALL"
    case keysOnly = "KEYS_ONLY"
    case include = "INCLUDE"
}

public struct IndexProjection: Sendable, Codable, Equatable {
    public var type: ProjectionType
    public var nonKeyAttributes: [String]
    public init(type: ProjectionType, nonKeyAttributes: [String] = []) {
        self.type = type
        self.nonKeyAttributes = nonKeyAttributes
    }
}

public struct IndexDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var isGlobal: Bool
    public var storageId: Int64
    public var keySchema: KeySchema
    public var projection: IndexProjection
    public var provisioned: ProvisionedThroughput?
    public var onDemand: OnDemandThroughput?
    public var status: String
    public var createdAt: Double

    public init(name: String, isGlobal: Bool, storageId: Int64, keySchema: KeySchema, projection: IndexProjection,
                provisioned: ProvisionedThroughput?, status: String = "ACTIVE", createdAt: Double) {
        self.name = name
        self.isGlobal = isGlobal
        self.storageId = storageId
        self.keySchema = keySchema
        self.projection = projection
        self.provisioned = provisioned
        self.status = status
        self.createdAt = createdAt
    }

    public func arn(tableArn: String) -> String { "\(tableArn)/index/\(name)" }
}

public struct SSESettings: Sendable, Codable, Equatable {
    public var sseType: String
    public var kmsMasterKeyArn: String?
    public init(sseType: String, kmsMasterKeyArn: String?) {
        self.sseType = sseType
        self.kmsMasterKeyArn = kmsMasterKeyArn
    }
}

public struct StreamSettings: Sendable, Codable, Equatable {
    public var enabled: Bool
    public var viewType: String
    /// The label of the stream (its creation time), kept after disabling as AWS does.
    public var label: String
    /// History sequence number from which this stream's records start.
    public var startSeq: Int64
    public init(enabled: Bool, viewType: String, label: String, startSeq: Int64) {
        self.enabled = enabled
        self.viewType = viewType
        self.label = label
        self.startSeq = startSeq
    }
}

public struct TTLSettings: Sendable, Codable, Equatable {
    public var attributeName: String
    public var enabled: Bool
    public init(attributeName: String, enabled: Bool) {
        self.attributeName = attributeName
        self.enabled = enabled
    }
}

/// A resource-based policy document as attached, with its revision id (a millisecond timestamp,
/// as DynamoDB issues them).
public struct ResourcePolicyRecord: Sendable, Codable, Equatable {
    public var document: String
    public var revisionId: String
    public init(document: String, revisionId: String) {
        self.document = document
        self.revisionId = revisionId
    }
}

// [pitr] Point-in-time recovery and restore provenance.

/// Point-in-time recovery as UpdateContinuousBackups left it. `enabledAt` bounds the earliest
/// restorable time (re-enabling resets it, as AWS documents).
public struct PITRSettings: Sendable, Codable, Equatable {
    public var enabled: Bool
    public var recoveryPeriodInDays: Int
    public var enabledAt: Double
    public init(enabled: Bool, recoveryPeriodInDays: Int, enabledAt: Double) {
        self.enabled = enabled
        self.recoveryPeriodInDays = recoveryPeriodInDays
        self.enabledAt = enabledAt
    }
}

/// DescribeTable's `RestoreSummary` for a table created by a restore.
public struct RestoreSummary: Sendable, Codable, Equatable {
    public var sourceBackupArn: String?
    public var sourceTableArn: String?
    public var restoreDateTime: Double
    public init(sourceBackupArn: String?, sourceTableArn: String?, restoreDateTime: Double) {
        self.sourceBackupArn = sourceBackupArn
        self.sourceTableArn = sourceTableArn
        self.restoreDateTime = restoreDateTime
    }
}

/// [global] One other region of a global table, as a replica's definition records it.
public struct ReplicaMember: Sendable, Codable, Equatable {
    public var regionName: String
    /// When the replica was added (it reports CREATING for the lifecycle's transition time).
    public var addedAt: Double
    public init(regionName: String, addedAt: Double) {
        self.regionName = regionName
        self.addedAt = addedAt
    }
}

extension TableDefinition {
    /// [global] Whether the table belongs to a global table (one cheap check on the write path).
    public var isReplicated: Bool { replicas.map { !$0.isEmpty } ?? false }
}
