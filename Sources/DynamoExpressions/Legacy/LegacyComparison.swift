import DynamoModel

/// One legacy condition (`{"ComparisonOperator": ..., "AttributeValueList": [...]}` of
/// Expected, QueryFilter, ScanFilter or KeyConditions), validated with DynamoDB's texts and
/// converted to the expression tree.
struct LegacyComparison {
    /// DynamoDB's enum order, as printed in its validation message.
    static let operators = ["IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE",
                            "BEGINS_WITH", "GE", "CONTAINS"]
    static let invalid = "One or more parameter values were invalid: "

    var attribute: String
    var op: String
    var values: [AttributeValue]

    /// Framework-level enum check ("1 validation error detected: ...").
    static func checkOperator(_ op: JSONValue?, path: String) throws(DynamoError) -> String {
        guard let op, !op.isNull else {
            throw .validation("1 validation error detected: Value null at '\(path)' failed to satisfy constraint: Member must not be null")
        }
        guard case .string(let text) = op else { throw .serialization(nonStringMessage(op)) }
        guard operators.contains(text) else {
            throw .validation("1 validation error detected: Value '\(text)' at '\(path)' failed to satisfy constraint: Member must satisfy enum value set: [\(operators.joined(separator: ", "))]")
        }
        return text
    }

    static func nonStringMessage(_ value: JSONValue) -> String {
        switch value {
        case .bool: return "class java.lang.Boolean can not be converted to an String"
        case .number(let n): return "class \(n.contains(".") ? "java.lang.Double" : "java.lang.Integer") can not be converted to an String"
        case .array: return "Start of list found where not expected"
        default: return "Start of structure or map found where not expected."
        }
    }

    static func decodeList(_ json: JSONValue?) throws(DynamoError) -> [AttributeValue]? {
        guard let json, !json.isNull else { return nil }
        guard case .array(let elements) = json else {
            if case .object = json { throw .serialization("Start of structure or map found where not expected.") }
            throw .serialization("Expected list or null")
        }
        var out: [AttributeValue] = []
        for element in elements { out.append(try AttributeValueCodec.decode(element)) }
        return out
    }

    /// Argument count, then the type of each argument.
    func validate() throws(DynamoError) {
        let n = values.count
        let countValid: Bool
        switch op {
        case "NULL", "NOT_NULL": countValid = n == 0
        case "IN": countValid = n > 0
        case "BETWEEN": countValid = n == 2
        default: countValid = n == 1
        }
        guard countValid else {
            throw .validation(Self.invalid + "Invalid number of argument(s) for the \(op) ComparisonOperator")
        }
        let allowed: Set<String>?
        switch op {
        case "LT", "LE", "GT", "GE", "IN", "BETWEEN": allowed = ["S", "N", "B"]
        case "CONTAINS", "NOT_CONTAINS": allowed = ["S", "N", "B", "BOOL", "NULL"]
        case "BEGINS_WITH": allowed = ["S", "B"]
        default: allowed = nil
        }
        if let allowed {
            for v in values where !allowed.contains(v.typeTag) {
                throw .validation(Self.invalid + "ComparisonOperator \(op) is not valid for \(v.typeTag) AttributeValue type")
            }
        }
        if op == "IN" || op == "BETWEEN", Set(values.map(\.typeTag)).count > 1 {
            throw .validation(Self.invalid + "AttributeValues inside AttributeValueList must be of same type")
        }
        if op == "BETWEEN", let o = Comparison.order(values[0], values[1]), o > 0 {
            throw .validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
        }
    }

    var node: ConditionNode {
        let path = DocumentPath(name: attribute)
        let attr = Operand.path(path)
        switch op {
        case "EQ": return .compare(.equal, attr, .value(values[0]))
        case "NE": return .compare(.notEqual, attr, .value(values[0]))
        case "LT": return .compare(.less, attr, .value(values[0]))
        case "LE": return .compare(.lessOrEqual, attr, .value(values[0]))
        case "GT": return .compare(.greater, attr, .value(values[0]))
        case "GE": return .compare(.greaterOrEqual, attr, .value(values[0]))
        case "NULL": return .notExists(path)
        case "NOT_NULL": return .exists(path)
        case "CONTAINS": return .contains(attr, .value(values[0]))
        // NOT_CONTAINS is false for a missing attribute, unlike NOT contains(...).
        case "NOT_CONTAINS": return .and(.exists(path), .not(.contains(attr, .value(values[0]))))
        case "BEGINS_WITH": return .beginsWith(attr, .value(values[0]))
        case "IN": return .inList(attr, values.map { .value($0) })
        default: return .between(attr, .value(values[0]), .value(values[1]))
        }
    }

    static func combine(_ nodes: [ConditionNode], conditionalOperator: String?) throws(DynamoError) -> ConditionNode {
        let useOr: Bool
        switch conditionalOperator {
        case nil, "AND"?: useOr = false
        case "OR"?: useOr = true
        case let other?:
            throw .validation("1 validation error detected: Value '\(other)' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]")
        }
        guard var node = nodes.first else { return .constant(true) }
        for next in nodes.dropFirst() { node = useOr ? .or(node, next) : .and(node, next) }
        return node
    }
}
