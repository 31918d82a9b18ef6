import DynamoExpressions
import DynamoModel
import DynamoStorage

/// A Query's key condition as a range over the encoded sort key of the table or index, and
/// DynamoDB's checks of an ExclusiveStartKey against that condition.
enum QueryRange {
    static func range(_ plan: KeyConditionPlan, schema: KeySchema) -> KeyRange {
        guard schema.sortAttributes.count > 1 else { return single(plan.sortCondition) }
        // Multi-attribute sort key: the equality prefix, then the last condition on one component.
        let prefix = plan.sortPrefix.flatMap(KeyCodec.component)
        let prefixEnd = prefix.isEmpty ? nil : KeyCodec.prefixSuccessor(prefix)
        let lowest: [UInt8]? = prefix.isEmpty ? nil : prefix
        func within(_ e: [UInt8]) -> [UInt8] { prefix + e }
        guard let condition = plan.sortCondition else {
            return KeyRange(lower: lowest, upper: prefixEnd, upperInclusive: false)
        }
        switch condition {
        case .equal(let v):
            let e = within(KeyCodec.component(v))
            return KeyRange(lower: e, upper: KeyCodec.prefixSuccessor(e), upperInclusive: false)
        case .less(let v):
            return KeyRange(lower: lowest, upper: within(KeyCodec.component(v)), upperInclusive: false)
        case .lessOrEqual(let v):
            return KeyRange(lower: lowest, upper: KeyCodec.prefixSuccessor(within(KeyCodec.component(v))), upperInclusive: false)
        case .greater(let v):
            return KeyRange(lower: KeyCodec.prefixSuccessor(within(KeyCodec.component(v))), upper: prefixEnd, upperInclusive: false)
        case .greaterOrEqual(let v):
            return KeyRange(lower: within(KeyCodec.component(v)), upper: prefixEnd, upperInclusive: false)
        case .between(let lo, let hi):
            return KeyRange(lower: within(KeyCodec.component(lo)), upper: KeyCodec.prefixSuccessor(within(KeyCodec.component(hi))),
                            upperInclusive: false)
        case .beginsWith(let v):
            let p = within(KeyCodec.componentPrefix(v))
            return KeyRange(lower: p, upper: KeyCodec.prefixSuccessor(p), upperInclusive: false)
        }
    }

    /// A single-attribute sort-key condition as a range over the encoded sort key.
    static func single(_ condition: SortKeyCondition?) -> KeyRange {
        guard let condition else { return .all }
        switch condition {
        case .equal(let v): let e = KeyCodec.encode(v); return KeyRange(lower: e, upper: e)
        case .less(let v): return KeyRange(upper: KeyCodec.encode(v), upperInclusive: false)
        case .lessOrEqual(let v): return KeyRange(upper: KeyCodec.encode(v))
        case .greater(let v): return KeyRange(lower: KeyCodec.encode(v), lowerInclusive: false)
        case .greaterOrEqual(let v): return KeyRange(lower: KeyCodec.encode(v))
        case .between(let lo, let hi): return KeyRange(lower: KeyCodec.encode(lo), upper: KeyCodec.encode(hi))
        case .beginsWith(let v):
            let prefix = KeyCodec.encode(v)
            return KeyRange(lower: prefix, upper: KeyCodec.prefixSuccessor(prefix), upperInclusive: false)
        }
    }

    /// An ExclusiveStartKey (already checked to be a key of the table or index) must lie in the
    /// queried partition and satisfy the sort-key condition; AWS's texts, in AWS's order (the
    /// sort condition first; a start key in another partition reads "at most one row" when the
    /// query has a sort condition), as recorded by dynalite's tests against DynamoDB.
    static func checkStart(_ start: Item, plan: KeyConditionPlan, schema: KeySchema) throws(DynamoError) {
        let sort = schema.sortAttributes
        if let condition = plan.sortCondition {
            var matches = true
            for (i, value) in plan.sortPrefix.enumerated() where start[sort[i].name] != value {
                matches = false
            }
            if matches, let name = plan.sortKey { matches = condition.matches(start[name]) }
            if !matches { throw .validation("The provided starting key does not match the range key predicate") }
        }
        let partition = schema.partitionAttributes
        for (i, value) in plan.partitionValues.enumerated() where start[partition[i].name] != value {
            throw .validation(plan.sortCondition == nil
                ? "The provided starting key is outside query boundaries based on provided conditions"
                : "The query can return at most one row and cannot be restarted")
        }
    }
}
