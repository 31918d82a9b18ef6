/// DynamoDB's expression limits
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters).
enum Limits {
    /// Maximum length of any expression string, in UTF-8 bytes, before substitution.
    static let maxExpressionBytes = 4096
    /// Maximum number of operators and functions in one expression.
    static let maxOperators = 300
    /// Maximum number of operands in the list of IN.
    static let maxInOperands = 100
    /// Maximum number of elements of a document path (names and list indexes), the top-level
    /// attribute counting as one: the 32 levels of nesting an item may have.
    static let maxPathDepth = 32

    /// The empty and size checks every expression goes through first. Only ConditionExpression
    /// and FilterExpression append the size to the message (as captured from DynamoDB).
    static func checkText(_ text: String, reportsSize: Bool) throws(ExpressionFailure) {
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            throw ExpressionFailure(Messages.emptyExpression)
        }
        let size = text.utf8.count
        if size > maxExpressionBytes {
            throw ExpressionFailure(reportsSize ? "\(Messages.sizeExceeded) expression size: \(size)" : Messages.sizeExceeded)
        }
    }
}
