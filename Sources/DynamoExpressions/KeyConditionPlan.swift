import DynamoModel

/// The sort-key part of a Query's key condition.
public enum SortKeyCondition: Sendable, Equatable {
    case equal(AttributeValue)
    case less(AttributeValue)
    case lessOrEqual(AttributeValue)
    case greater(AttributeValue)
    case greaterOrEqual(AttributeValue)
    case between(AttributeValue, AttributeValue)
    case beginsWith(AttributeValue)

    /// Whether a sort-key value satisfies the condition (nil: the attribute is missing).
    public func matches(_ value: AttributeValue?) -> Bool {
        switch self {
        case .equal(let v): return Comparison.compare(.equal, value, v)
        case .less(let v): return Comparison.compare(.less, value, v)
        case .lessOrEqual(let v): return Comparison.compare(.lessOrEqual, value, v)
        case .greater(let v): return Comparison.compare(.greater, value, v)
        case .greaterOrEqual(let v): return Comparison.compare(.greaterOrEqual, value, v)
        case .between(let low, let high): return Comparison.between(value, low, high)
        case .beginsWith(let prefix): return Functions.beginsWith(value, prefix)
        }
    }
}

/// What a Query reads: one partition, optionally narrowed on the sort key.
public struct KeyConditionPlan: Sendable {
    public var partitionKey: String
    public var partitionValue: AttributeValue
    public var sortKey: String?
    public var sortCondition: SortKeyCondition?

    public init(partitionKey: String, partitionValue: AttributeValue, sortKey: String?, sortCondition: SortKeyCondition?) {
        self.partitionKey = partitionKey
        self.partitionValue = partitionValue
        self.sortKey = sortKey
        self.sortCondition = sortCondition
    }

    /// Whether an item belongs to the planned range.
    public func matches(_ item: Item) -> Bool {
        guard let pk = item[partitionKey], Comparison.equal(pk, partitionValue) else { return false }
        guard let sortCondition, let sortKey else { return true }
        return sortCondition.matches(item[sortKey])
    }

    static func mismatch() -> DynamoError {
        .validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
    }

    /// Plans a KeyConditionExpression against the key schema of the table or index queried.
    /// `partitionKeyType`/`sortKeyType` ("S", "N" or "B") enable the type check.
    public static func plan(
        _ condition: Condition, partitionKey: String, sortKey: String?,
        partitionKeyType: String? = nil, sortKeyType: String? = nil
    ) throws(DynamoError) -> KeyConditionPlan {
        let parts: [KeyPart]
        if let keyParts = condition.keyParts {
            parts = keyParts
        } else {
            do {
                parts = try KeyConditionShape.parts(condition.root)
            } catch {
                throw error.dynamoError(parameter: ConditionKind.keyCondition.parameterName)
            }
        }
        let keyCount = sortKey == nil ? 1 : 2
        if parts.count > keyCount {
            throw .validation("The number of query conditions (\(parts.count)) exceeds the number of key attributes defined in the schema (\(keyCount))")
        }
        guard let hash = parts.first(where: { $0.attribute == AttributeName(partitionKey) }) else {
            throw .validation("Query condition missed key schema element: \(partitionKey)")
        }
        let other = parts.first(where: { $0.attribute != AttributeName(partitionKey) })
        if let other, other.attribute != sortKey.map({ AttributeName($0) }) {
            throw .validation("Query condition missed key schema element: \(sortKey ?? partitionKey)")
        }
        if let partitionKeyType, hash.values.contains(where: { $0.typeTag != partitionKeyType }) { throw mismatch() }
        guard hash.operation == .compare(.equal), let partitionValue = hash.values.first else {
            throw .validation("Query key condition not supported")
        }
        var sortCondition: SortKeyCondition?
        if let range = other {
            if let sortKeyType, range.values.contains(where: { $0.typeTag != sortKeyType }) { throw mismatch() }
            sortCondition = Self.sortCondition(range)
        }
        return KeyConditionPlan(partitionKey: partitionKey, partitionValue: partitionValue,
                                sortKey: sortKey, sortCondition: sortCondition)
    }

    static func sortCondition(_ part: KeyPart) -> SortKeyCondition {
        let v = part.values
        switch part.operation {
        case .compare(.equal), .compare(.notEqual): return .equal(v[0])
        case .compare(.less): return .less(v[0])
        case .compare(.lessOrEqual): return .lessOrEqual(v[0])
        case .compare(.greater): return .greater(v[0])
        case .compare(.greaterOrEqual): return .greaterOrEqual(v[0])
        case .between: return .between(v[0], v[1])
        case .beginsWith: return .beginsWith(v[0])
        }
    }
}
