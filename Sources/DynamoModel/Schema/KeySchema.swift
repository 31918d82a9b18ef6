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

/// A partition key and an optional sort key, with their declared types.
public struct KeySchema: Sendable, Codable, Equatable {
    public var partitionKey: String
    public var partitionType: ScalarType
    public var sortKey: String?
    public var sortType: ScalarType?

    public init(partitionKey: String, partitionType: ScalarType, sortKey: String? = nil, sortType: ScalarType? = nil) {
        self.partitionKey = partitionKey
        self.partitionType = partitionType
        self.sortKey = sortKey
        self.sortType = sortType
    }

    public var attributeNames: [String] {
        sortKey.map { [partitionKey, $0] } ?? [partitionKey]
    }

    public func isKeyAttribute(_ name: String) -> Bool {
        AttributeName(name) == AttributeName(partitionKey) || sortKey.map { AttributeName(name) == AttributeName($0) } == true
    }

    /// AWS's wire shape: `[{"AttributeName":..,"KeyType":"HASH"}, …]`.
    public var json: JSONValue {
        var elements: [JSONValue] = [["AttributeName": .string(partitionKey), "KeyType": "HASH"]]
        if let sortKey { elements.append(["AttributeName": .string(sortKey), "KeyType": "RANGE"]) }
        return .array(elements)
    }
}
