import DynamoModel

/// Evaluates a resolved condition against an item (nil when there is no item: every
/// attribute is then missing). Pure: reads the item only.
enum ConditionEvaluator {
    static func evaluate(_ node: ConditionNode, _ item: Item?) -> Bool {
        switch node {
        case .compare(let op, let a, let b):
            return Comparison.compare(op, value(a, item), value(b, item))
        case .between(let x, let low, let high):
            return Comparison.between(value(x, item), value(low, item), value(high, item))
        case .inList(let x, let list):
            guard let v = value(x, item) else { return false }
            return list.contains { candidate in
                guard let c = value(candidate, item) else { return false }
                return Comparison.equal(v, c)
            }
        case .exists(let path):
            return path.value(in: item) != nil
        case .notExists(let path):
            return path.value(in: item) == nil
        case .attributeType(let x, let type):
            guard let v = value(x, item) else { return false }
            return v.typeTag == type
        case .beginsWith(let a, let b):
            return Functions.beginsWith(value(a, item), value(b, item))
        case .contains(let a, let b):
            return Functions.contains(value(a, item), value(b, item))
        case .and(let a, let b):
            return evaluate(a, item) && evaluate(b, item)
        case .or(let a, let b):
            return evaluate(a, item) || evaluate(b, item)
        case .not(let a):
            return !evaluate(a, item)
        case .constant(let value):
            return value
        }
    }

    static func value(_ operand: Operand, _ item: Item?) -> AttributeValue? {
        switch operand {
        case .path(let path): return path.value(in: item)
        case .value(let v): return v
        case .size(let inner): return Functions.size(value(inner, item))
        }
    }
}
