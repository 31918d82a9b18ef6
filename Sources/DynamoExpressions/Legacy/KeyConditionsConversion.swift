import DynamoModel

extension Legacy {
    /// `KeyConditions` of Query, planned against the key schema queried, with DynamoDB's
    /// texts (which differ from KeyConditionExpression's).
    public static func keyConditions(
        _ json: JSONValue, partitionKey: String, sortKey: String?,
        partitionKeyType: String? = nil, sortKeyType: String? = nil
    ) throws(DynamoError) -> KeyConditionPlan {
        let conditions = try comparisons(json, member: "keyConditions")
        for condition in conditions { try condition.validate() }
        if conditions.isEmpty || conditions.count > 2 {
            throw .validation("Conditions can be of length 1 or 2 only")
        }
        let schema: [(name: String, type: String?, isHash: Bool)] =
            [(partitionKey, partitionKeyType, true)] + (sortKey.map { [($0, sortKeyType, false)] } ?? [])
        var hash: LegacyComparison?
        var range: LegacyComparison?
        for key in schema {
            if key.isHash, schema.count == 1, conditions.count > 1 {
                throw .validation("Query key condition not supported")
            }
            guard let condition = conditions.first(where: { $0.attribute == key.name }) else {
                if key.isHash || conditions.count > 1 {
                    throw .validation("Query condition missed key schema element: \(key.name)")
                }
                continue
            }
            if ["NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN"].contains(condition.op) {
                throw .validation("Attempted conditional constraint is not an indexable operation")
            }
            if let type = key.type, condition.values.contains(where: { $0.typeTag != type }) {
                throw KeyConditionPlan.mismatch()
            }
            if key.isHash {
                if condition.op != "EQ" { throw .validation("Query key condition not supported") }
                hash = condition
            } else {
                range = condition
            }
        }
        guard let hash else { throw .validation("Query condition missed key schema element: \(partitionKey)") }
        var sortCondition: SortKeyCondition?
        if let range {
            let v = range.values
            switch range.op {
            case "EQ": sortCondition = .equal(v[0])
            case "LT": sortCondition = .less(v[0])
            case "LE": sortCondition = .lessOrEqual(v[0])
            case "GT": sortCondition = .greater(v[0])
            case "GE": sortCondition = .greaterOrEqual(v[0])
            case "BEGINS_WITH": sortCondition = .beginsWith(v[0])
            default: sortCondition = .between(v[0], v[1])
            }
        }
        return KeyConditionPlan(partitionKey: partitionKey, partitionValue: hash.values[0],
                                sortKey: sortKey, sortCondition: sortCondition)
    }

    /// `KeyConditions` against a multi-attribute key (global secondary indexes): the same rules
    /// as a KeyConditionExpression — every partition attribute by EQ, sort attributes left to
    /// right with EQ on all but the last.
    public static func keyConditions(_ json: JSONValue, partition: [KeySchemaAttribute], sort: [KeySchemaAttribute]) throws(DynamoError) -> KeyConditionPlan {
        let conditions = try comparisons(json, member: "keyConditions")
        for condition in conditions { try condition.validate() }
        if conditions.isEmpty {
            throw .validation("Conditions can be of length 1 or 2 only")
        }
        var parts: [KeyPart] = []
        for condition in conditions {
            let operation: KeyPart.Operation
            switch condition.op {
            case "EQ": operation = .compare(.equal)
            case "LT": operation = .compare(.less)
            case "LE": operation = .compare(.lessOrEqual)
            case "GT": operation = .compare(.greater)
            case "GE": operation = .compare(.greaterOrEqual)
            case "BEGINS_WITH": operation = .beginsWith
            case "BETWEEN": operation = .between
            default: throw .validation("Attempted conditional constraint is not an indexable operation")
            }
            parts.append(KeyPart(attribute: AttributeName(condition.attribute), operation: operation, values: condition.values))
        }
        return try KeyConditionPlan.plan(parts, partition: partition, sort: sort)
    }
}
