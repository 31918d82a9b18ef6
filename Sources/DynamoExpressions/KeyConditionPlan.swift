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

/// One key attribute of the schema queried, with its declared type ("S", "N" or "B"; nil
/// skips the type check).
public struct KeySchemaAttribute: Sendable {
    public var name: String
    public var type: String?
    public init(_ name: String, _ type: String?) {
        self.name = name
        self.type = type
    }
}

/// What a Query reads: one partition, optionally narrowed on the sort key.
///
/// A multi-attribute key (global secondary indexes) fixes every partition attribute by
/// equality; its sort attributes are constrained left to right, every one before the last
/// constrained one by equality (`sortPrefix`), the last one by any key condition
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html).
public struct KeyConditionPlan: Sendable {
    public var partitionKey: String
    /// Equality values of the partition key's attributes, in schema order.
    public var partitionValues: [AttributeValue]
    /// Equality values of the sort attributes before `sortKey`, in schema order.
    public var sortPrefix: [AttributeValue]
    /// The sort attribute `sortCondition` applies to.
    public var sortKey: String?
    public var sortCondition: SortKeyCondition?

    public init(partitionKey: String, partitionValue: AttributeValue, sortKey: String?, sortCondition: SortKeyCondition?) {
        self.init(partitionKey: partitionKey, partitionValues: [partitionValue], sortPrefix: [], sortKey: sortKey, sortCondition: sortCondition)
    }

    public init(partitionKey: String, partitionValues: [AttributeValue], sortPrefix: [AttributeValue], sortKey: String?,
                sortCondition: SortKeyCondition?) {
        self.partitionKey = partitionKey
        self.partitionValues = partitionValues
        self.sortPrefix = sortPrefix
        self.sortKey = sortKey
        self.sortCondition = sortCondition
    }

    /// The first partition attribute's value (the whole partition key of single-attribute keys).
    public var partitionValue: AttributeValue { partitionValues[0] }

    static func mismatch() -> DynamoError {
        .validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
    }

    /// Plans a KeyConditionExpression against the key schema of the table or index queried.
    /// `partitionKeyType`/`sortKeyType` ("S", "N" or "B") enable the type check.
    public static func plan(
        _ condition: Condition, partitionKey: String, sortKey: String?,
        partitionKeyType: String? = nil, sortKeyType: String? = nil
    ) throws(DynamoError) -> KeyConditionPlan {
        try plan(condition, partition: [KeySchemaAttribute(partitionKey, partitionKeyType)],
                 sort: sortKey.map { [KeySchemaAttribute($0, sortKeyType)] } ?? [])
    }

    /// Plans a KeyConditionExpression against a key of one or more partition and sort attributes.
    public static func plan(_ condition: Condition, partition: [KeySchemaAttribute], sort: [KeySchemaAttribute]) throws(DynamoError) -> KeyConditionPlan {
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
        return try plan(parts, partition: partition, sort: sort)
    }

    static func plan(_ parts: [KeyPart], partition: [KeySchemaAttribute], sort: [KeySchemaAttribute]) throws(DynamoError) -> KeyConditionPlan {
        let keyCount = partition.count + sort.count
        if parts.count > keyCount {
            throw .validation("The number of query conditions (\(parts.count)) exceeds the number of key attributes defined in the schema (\(keyCount))")
        }
        func part(_ name: String) -> KeyPart? { parts.first { $0.attribute == AttributeName(name) } }
        for key in partition where part(key.name) == nil {
            throw .validation("Query condition missed key schema element: \(key.name)")
        }
        if parts.contains(where: { p in !partition.contains { AttributeName($0.name) == p.attribute } && !sort.contains { AttributeName($0.name) == p.attribute } }) {
            let missing = sort.first { part($0.name) == nil }?.name ?? partition[0].name
            throw .validation("Query condition missed key schema element: \(missing)")
        }
        var partitionValues: [AttributeValue] = []
        for key in partition {
            let hash = part(key.name)!
            if let type = key.type, hash.values.contains(where: { $0.typeTag != type }) { throw mismatch() }
            guard hash.operation == .compare(.equal), let value = hash.values.first else {
                throw .validation("Query key condition not supported")
            }
            partitionValues.append(value)
        }
        // Sort attributes: left to right, equality on all but the last one constrained.
        let constrained = sort.indices.filter { part(sort[$0].name) != nil }
        var sortPrefix: [AttributeValue] = []
        var sortKey: String?
        var sortCondition: SortKeyCondition?
        if let last = constrained.last {
            for i in 0..<last {
                let next = sort[constrained.first { $0 > i }!].name
                guard let p = part(sort[i].name), p.operation == .compare(.equal) else {
                    throw .validation("RANGE key attributes \(sort[i].name) must have equality conditions specified in the query because a condition is present on key attribute \(next)")
                }
                if let type = sort[i].type, p.values.contains(where: { $0.typeTag != type }) { throw mismatch() }
                sortPrefix.append(p.values[0])
            }
            let range = part(sort[last].name)!
            if let type = sort[last].type, range.values.contains(where: { $0.typeTag != type }) { throw mismatch() }
            sortKey = sort[last].name
            sortCondition = Self.sortCondition(range)
        }
        return KeyConditionPlan(partitionKey: partition[0].name, partitionValues: partitionValues, sortPrefix: sortPrefix,
                                sortKey: sortKey ?? sort.first?.name, sortCondition: sortCondition)
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
