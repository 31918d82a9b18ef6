/// The scalar types a key attribute may have.
public enum ScalarType: String, Sendable, Codable, CaseIterable {
    case S, N, B

    public func matches(_ value: AttributeValue) -> Bool {
        switch (self, value) {
        case (.S, .s), (.N, .n), (.B, .b): return true
        default: return false
        }
    }
}

/// One attribute of a key, with its declared type (the shape of an attribute definition).
public typealias KeyAttribute = AttributeDefinition

/// A partition key and an optional sort key, with their declared types.
///
/// A global secondary index may have a multi-attribute key: a partition key of up to four
/// attributes and a sort key of up to four, in order
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.MultiAttributeKeys).
/// `partitionKey`/`sortKey` are the first of each; `morePartitionKeys`/`moreSortKeys` hold the
/// rest (nil for the usual single-attribute keys, which keeps stored definitions compatible).
/// Code that reads an index key goes through `partitionAttributes`/`sortAttributes`.
public struct KeySchema: Sendable, Codable, Equatable {
    public var partitionKey: String
    public var partitionType: ScalarType
    public var sortKey: String?
    public var sortType: ScalarType?
    public var morePartitionKeys: [KeyAttribute]?
    public var moreSortKeys: [KeyAttribute]?

    public init(partitionKey: String, partitionType: ScalarType, sortKey: String? = nil, sortType: ScalarType? = nil) {
        self.partitionKey = partitionKey
        self.partitionType = partitionType
        self.sortKey = sortKey
        self.sortType = sortType
    }

    /// A key of several partition and sort attributes, in schema order (at least one partition attribute).
    public init(partition: [KeyAttribute], sort: [KeyAttribute]) {
        self.init(partitionKey: partition[0].name, partitionType: partition[0].type,
                  sortKey: sort.first?.name, sortType: sort.first?.type)
        if partition.count > 1 { morePartitionKeys = Array(partition.dropFirst()) }
        if sort.count > 1 { moreSortKeys = Array(sort.dropFirst()) }
    }

    public var partitionAttributes: [KeyAttribute] {
        [KeyAttribute(name: partitionKey, type: partitionType)] + (morePartitionKeys ?? [])
    }

    public var sortAttributes: [KeyAttribute] {
        guard let sortKey, let sortType else { return [] }
        return [KeyAttribute(name: sortKey, type: sortType)] + (moreSortKeys ?? [])
    }

    /// Whether the partition or the sort key has more than one attribute.
    public var isMultiAttribute: Bool { morePartitionKeys != nil || moreSortKeys != nil }

    public var attributeNames: [String] {
        partitionAttributes.map(\.name) + sortAttributes.map(\.name)
    }

    public func isKeyAttribute(_ name: String) -> Bool {
        let n = AttributeName(name)
        return n == AttributeName(partitionKey) || sortKey.map { n == AttributeName($0) } == true
            || morePartitionKeys?.contains { AttributeName($0.name) == n } == true || moreSortKeys?.contains { AttributeName($0.name) == n } == true
    }

    /// AWS's wire shape: `[{"AttributeName":..,"KeyType":"HASH"}, …]`, partition attributes first.
    public var json: JSONValue {
        .array(partitionAttributes.map { ["AttributeName": .string($0.name), "KeyType": "HASH"] }
            + sortAttributes.map { ["AttributeName": .string($0.name), "KeyType": "RANGE"] })
    }
}
