import DynamoModel

/// A statement's WHERE clause, resolved, and what it says about keys: which partitions a
/// SELECT reads (or that it scans), and the item key an UPDATE, DELETE or transactional read
/// addresses.
public struct PartiQLWhere: Sendable {
    let root: ConditionNode
    public let condition: Condition

    init(_ root: ConditionNode) {
        self.root = root
        condition = Condition(root: root)
    }

    public var topLevelAttributes: AttributeNameSet { condition.topLevelAttributes }

    /// The conditions joined by AND at the top.
    static func conjuncts(_ node: ConditionNode) -> [ConditionNode] {
        var out: [ConditionNode] = []
        var stack = [node]
        while let next = stack.popLast() {
            if case .and(let a, let b) = next { stack.append(b); stack.append(a) } else { out.append(next) }
        }
        return out
    }

    static func disjuncts(_ node: ConditionNode) -> [ConditionNode] {
        var out: [ConditionNode] = []
        var stack = [node]
        while let next = stack.popLast() {
            if case .or(let a, let b) = next { stack.append(b); stack.append(a) } else { out.append(next) }
        }
        return out
    }

    /// `name = value` (either way round) on a top-level attribute: the value.
    static func equality(_ node: ConditionNode, on name: AttributeName) -> AttributeValue? {
        guard case .compare(.equal, let a, let b) = node else { return nil }
        switch (a, b) {
        case (.path(let p), .value(let v)) where !p.isNested && p.topLevelName == name: return v
        case (.value(let v), .path(let p)) where !p.isNested && p.topLevelName == name: return v
        default: return nil
        }
    }

    /// The partition values of one conjunction: an equality or IN on the partition key.
    static func partitions(of conjunction: ConditionNode, partitionKey: AttributeName) -> [AttributeValue]? {
        for part in conjuncts(conjunction) {
            if let value = equality(part, on: partitionKey) { return [value] }
            if case .inList(.path(let p), let list) = part, !p.isNested, p.topLevelName == partitionKey {
                var values: [AttributeValue] = []
                for case .value(let v) in list { values.append(v) }
                if values.count == list.count { return values }
            }
        }
        return nil
    }

    /// What a SELECT reads: the partitions an equality or IN on the partition key names —
    /// at the top, or in every branch of a top-level OR — in the order written, without
    /// repeats; nil when the statement scans the whole table or index ("Using the SELECT
    /// statement can result in a full table scan if an equality or IN condition with a
    /// partition key is not provided in the WHERE clause",
    /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html).
    public func partitionValues(partitionKey: String) -> [AttributeValue]? {
        let key = AttributeName(partitionKey)
        var values: [AttributeValue]
        if let top = topLevelPartitionValues(partitionKey: partitionKey) {
            values = top
        } else {
            values = []
            for branch in Self.disjuncts(root) {
                guard let some = Self.partitions(of: branch, partitionKey: key) else { return nil }
                values += some
            }
        }
        var distinct: [AttributeValue] = []
        for v in values where !distinct.contains(v) { distinct.append(v) }
        return distinct
    }

    /// The partitions an equality or IN on the partition key at the top of the WHERE names
    /// (not through OR): what DynamoDB calls a keyed read.
    public func topLevelPartitionValues(partitionKey: String) -> [AttributeValue]? {
        Self.partitions(of: root, partitionKey: AttributeName(partitionKey))
    }

    /// The values of the equalities on key attributes at the top of the WHERE, the first for
    /// each (what an UPDATE or DELETE addresses, read leniently for its authorization; the
    /// statement itself is refused unless `itemKey` accepts it).
    public func keyEqualities(keyNames: [String]) -> Item {
        var key = Item()
        for part in Self.conjuncts(root) {
            for name in keyNames where key[name] == nil {
                if let value = Self.equality(part, on: AttributeName(name)) { key[name] = value }
            }
        }
        return key
    }

    /// A condition on the sort key at the top of a single-partition SELECT, to narrow the
    /// range read (the whole WHERE still filters what is read).
    public func sortCondition(sortKey: String) -> SortKeyCondition? {
        let key = AttributeName(sortKey)
        func isKey(_ o: Operand) -> Bool {
            if case .path(let p) = o, !p.isNested, p.topLevelName == key { return true }
            return false
        }
        for part in Self.conjuncts(root) {
            switch part {
            case .compare(let op, let a, let b):
                let (value, operation): (AttributeValue, CompareOperator)
                if isKey(a), case .value(let v) = b { (value, operation) = (v, op) }
                else if isKey(b), case .value(let v) = a { (value, operation) = (v, op.swapped) }
                else { continue }
                switch operation {
                case .equal: return .equal(value)
                case .less: return .less(value)
                case .lessOrEqual: return .lessOrEqual(value)
                case .greater: return .greater(value)
                case .greaterOrEqual: return .greaterOrEqual(value)
                case .notEqual: continue
                }
            case .between(let x, .value(let low), .value(let high)) where isKey(x):
                return .between(low, high)
            case .beginsWith(let x, .value(let prefix)) where isKey(x):
                return .beginsWith(prefix)
            default:
                continue
            }
        }
        return nil
    }

    /// The item an UPDATE, DELETE, EXISTS or transactional/batch SELECT addresses: an
    /// equality on every key attribute at the top of the WHERE, and what else the WHERE says
    /// (nil when nothing). "This condition must resolve to a single primary key value"
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html).
    public static func itemKey(_ where_: PartiQLWhere?, keyNames: [String]) throws(DynamoError) -> (key: Item, rest: PartiQLWhere?) {
        guard let where_ else { throw .validation(PQMessages.incompleteKey) }
        var key = Item()
        var rest: [ConditionNode] = []
        for part in conjuncts(where_.root) {
            var used = false
            for name in keyNames {
                guard let value = equality(part, on: AttributeName(name)) else { continue }
                if key[name] != nil { throw .validation(PQMessages.duplicateKeyCondition(name)) }
                key[name] = value
                used = true
                break
            }
            if !used { rest.append(part) }
        }
        guard key.count == keyNames.count else { throw .validation(PQMessages.incompleteKey) }
        return (key, rest.isEmpty ? nil : PartiQLWhere(rest.dropFirst().reduce(rest[0]) { .and($0, $1) }))
    }

}

/// The conditions PartiQL writes imply, as DynamoDB applies them: an UPDATE changes only an
/// item that exists and satisfies the WHERE ("If the WHERE clause of the UPDATE statement
/// does not evaluate to true for any item in the DynamoDB table,
/// ConditionalCheckFailedException is returned"); a DELETE of a missing item succeeds, of an
/// existing one only when the WHERE holds; an INSERT only when no item has the key.
public enum PartiQLConditions {
    public static func update(partitionKey: String, rest: PartiQLWhere?) -> Condition {
        let exists = ConditionNode.exists(DocumentPath(name: partitionKey))
        return Condition(root: rest.map { .and(exists, $0.root) } ?? exists)
    }

    public static func delete(partitionKey: String, rest: PartiQLWhere?) -> Condition? {
        guard let rest else { return nil }
        return Condition(root: .or(.notExists(DocumentPath(name: partitionKey)), rest.root))
    }

    public static func insert(partitionKey: String) -> Condition {
        Condition(root: .notExists(DocumentPath(name: partitionKey)))
    }

    /// An EXISTS check: the item exists and satisfies the WHERE.
    public static func exists(partitionKey: String, rest: PartiQLWhere?) -> Condition {
        update(partitionKey: partitionKey, rest: rest)
    }
}
