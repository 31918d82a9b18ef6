/// A stored item: encoded key parts and the item's canonical JSON.
public struct ItemRow: Sendable {
    public var pk: [UInt8]
    public var sk: [UInt8]
    public var item: [UInt8]
    /// The item's size as DynamoDB counts it.
    public var size: Int

    public init(pk: [UInt8], sk: [UInt8], item: [UInt8], size: Int) {
        self.pk = pk
        self.sk = sk
        self.item = item
        self.size = size
    }
}

/// A row of a secondary index: its own key parts, the table key parts, and the projected item.
public struct IndexRow: Sendable {
    public var ipk: [UInt8]
    public var isk: [UInt8]
    public var pk: [UInt8]
    public var sk: [UInt8]
    public var item: [UInt8]
    /// The projected item's size as DynamoDB counts it.
    public var size: Int

    public init(ipk: [UInt8], isk: [UInt8], pk: [UInt8], sk: [UInt8], item: [UInt8], size: Int) {
        self.ipk = ipk
        self.isk = isk
        self.pk = pk
        self.sk = sk
        self.item = item
        self.size = size
    }
}

/// A range over encoded sort-key bytes.
public struct KeyRange: Sendable, Equatable {
    public var lower: [UInt8]?
    public var lowerInclusive: Bool
    public var upper: [UInt8]?
    public var upperInclusive: Bool

    public init(lower: [UInt8]? = nil, lowerInclusive: Bool = true, upper: [UInt8]? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    public static let all = KeyRange()
}

/// One stored table: its storage id, identity, definition (JSON, owned by the operations
/// layer) and its live counters.
public struct TableRecord: Sendable {
    public var storageId: Int64
    public var account: String
    public var region: String
    public var name: String
    public var definition: [UInt8]
    public var itemCount: Int64
    public var sizeBytes: Int64

    public init(storageId: Int64, account: String, region: String, name: String, definition: [UInt8], itemCount: Int64, sizeBytes: Int64) {
        self.storageId = storageId
        self.account = account
        self.region = region
        self.name = name
        self.definition = definition
        self.itemCount = itemCount
        self.sizeBytes = sizeBytes
    }
}

/// One entry of item history: what an item was before and after a change.
public struct HistoryRow: Sendable {
    public var seq: Int64
    public var tid: Int64
    public var pk: [UInt8]
    public var sk: [UInt8]
    public var at: Double
    public var oldItem: [UInt8]?
    public var newItem: [UInt8]?
    public var origin: String
}
