import DynamoModel

/// An error found in one expression, before the "Invalid XExpression: " prefix is added.
/// A few key-condition messages are reported by DynamoDB without the prefix.
struct ExpressionFailure: Error, Sendable, Equatable {
    var message: String
    var prefixed: Bool

    init(_ message: String, prefixed: Bool = true) {
        self.message = message
        self.prefixed = prefixed
    }

    func dynamoError(parameter: String) -> DynamoError {
        .validation(prefixed ? "Invalid \(parameter): \(message)" : message)
    }
}

/// DynamoDB's wording for the errors shared by several expression kinds.
enum Messages {
    static let emptyExpression = "The expression can not be empty;"
    static let sizeExceeded = "Expression size has exceeded the maximum allowed size;"

    static func reserved(_ word: String) -> String {
        "Attribute name is a reserved keyword; reserved keyword: \(word)"
    }
    static func undefinedName(_ name: String) -> String {
        "An expression attribute name used in the document path is not defined; attribute name: \(name)"
    }
    static func undefinedValue(_ name: String) -> String {
        "An expression attribute value used in expression is not defined; attribute value: \(name)"
    }
    static func invalidFunction(_ name: String) -> String {
        "Invalid function name; function: \(name)"
    }
    static func operandCount(_ name: String, _ count: Int) -> String {
        "Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(count)"
    }
    static func operandType(_ name: String, _ type: String) -> String {
        "Incorrect operand type for operator or function; operator or function: \(name), operand type: \(type)"
    }
    static func requiresPath(_ name: String) -> String {
        "Operator or function requires a document path; operator or function: \(name)"
    }
    static func misusedFunction(_ name: String) -> String {
        "The function is not allowed to be used this way in an expression; function: \(name)"
    }
    static let redundantParentheses = "The expression has redundant parentheses;"
    static func overlap(_ one: String, _ two: String) -> String {
        "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(one), path two: \(two)"
    }
    static func conflict(_ one: String, _ two: String) -> String {
        "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: \(one), path two: \(two)"
    }
    static func tooManyOperators(_ count: Int) -> String {
        "The expression contains too many operators; operator count: \(count)"
    }
    static func pathTooDeep(_ levels: Int) -> String {
        "The document path has too many nesting levels; nesting levels: \(levels)"
    }
    static func tooManyInOperands(_ count: Int) -> String {
        "The IN operator is provided with too many operands; number of operands: \(count)"
    }
}
