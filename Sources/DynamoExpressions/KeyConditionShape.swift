import DynamoModel

/// One condition of a KeyConditionExpression, with the key attribute on the left.
struct KeyPart: Sendable {
    enum Operation: Sendable, Equatable {
        case compare(CompareOperator)
        case between
        case beginsWith
    }

    var attribute: AttributeName
    var operation: Operation
    var values: [AttributeValue]
}

/// The checks of a KeyConditionExpression that do not need the key schema: only `=`, `<`,
/// `<=`, `>`, `>=`, BETWEEN and begins_with joined by AND, each on one top-level attribute
/// compared with values, at most one condition per attribute.
enum KeyConditionShape {
    static func parts(_ node: ConditionNode) throws(ExpressionFailure) -> [KeyPart] {
        if let op = firstInvalidOperator(node) {
            throw ExpressionFailure("Invalid operator used in KeyConditionExpression: \(op)", prefixed: false)
        }
        var leaves: [ConditionNode] = []
        flatten(node, into: &leaves)
        var parts: [KeyPart] = []
        for leaf in leaves { parts.append(try part(leaf)) }
        var seen: Set<AttributeName> = []
        for part in parts where !seen.insert(part.attribute).inserted {
            throw ExpressionFailure("KeyConditionExpressions must only contain one condition per key")
        }
        return parts
    }

    private static func firstInvalidOperator(_ node: ConditionNode) -> String? {
        switch node {
        case .or: return "OR"
        case .not: return "NOT"
        case .inList: return "IN"
        case .compare(.notEqual, _, _): return "<>"
        case .exists: return "attribute_exists"
        case .notExists: return "attribute_not_exists"
        case .contains: return "contains"
        case .attributeType: return "attribute_type"
        case .and(let a, let b): return firstInvalidOperator(a) ?? firstInvalidOperator(b)
        case .compare, .between, .beginsWith, .constant: return nil
        }
    }

    private static func flatten(_ node: ConditionNode, into leaves: inout [ConditionNode]) {
        if case .and(let a, let b) = node {
            flatten(a, into: &leaves)
            flatten(b, into: &leaves)
        } else {
            leaves.append(node)
        }
    }

    private static func invalidCondition(_ detail: String) -> ExpressionFailure {
        ExpressionFailure("Invalid condition in KeyConditionExpression: \(detail)", prefixed: false)
    }

    private static func part(_ leaf: ConditionNode) throws(ExpressionFailure) -> KeyPart {
        let operands: [Operand]
        switch leaf {
        case .compare(_, let a, let b):
            operands = [a, b]
        case .between(let x, let low, let high):
            guard x.path != nil else { throw invalidCondition("BETWEEN operator must have the key attribute as its first operand") }
            operands = [x, low, high]
        case .beginsWith(let a, let b):
            guard a.path != nil else { throw invalidCondition("begins_with operator must have the key attribute as its first operand") }
            operands = [a, b]
        default:
            operands = []
        }
        var attribute: AttributeName?
        var keyFirst = true
        var values: [AttributeValue] = []
        for (position, operand) in operands.enumerated() {
            switch operand {
            case .size:
                throw ExpressionFailure("KeyConditionExpressions cannot contain nested operations", prefixed: false)
            case .path(let path):
                if attribute != nil { throw invalidCondition("Multiple attribute names used in one condition") }
                if path.isNested {
                    throw ExpressionFailure("KeyConditionExpressions cannot have conditions on nested attributes", prefixed: false)
                }
                attribute = path.topLevelName
                keyFirst = position == 0
            case .value(let v):
                values.append(v)
            }
        }
        guard let attribute else { throw invalidCondition("No key attribute specified") }
        switch leaf {
        case .compare(let op, _, _):
            return KeyPart(attribute: attribute, operation: .compare(keyFirst ? op : op.swapped), values: values)
        case .between:
            return KeyPart(attribute: attribute, operation: .between, values: values)
        default:
            return KeyPart(attribute: attribute, operation: .beginsWith, values: values)
        }
    }
}
