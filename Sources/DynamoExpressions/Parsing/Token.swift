/// One lexical token of an expression. Offsets are UTF-8 byte offsets into the source text, so
/// that syntax errors can quote the source around a token exactly as DynamoDB does.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `[A-Za-z_][A-Za-z0-9_]*`: an attribute name, a keyword or a function name.
        case identifier
        /// `#` followed by `[A-Za-z0-9_]+`.
        case nameRef
        /// `:` followed by `[A-Za-z0-9_]+`.
        case valueRef
        /// `[0-9]+` (only valid inside `[ ]`).
        case number
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case plus, minus
        case leftParen, rightParen, leftBracket, rightBracket
        case dot, comma
        /// Any other character (one Unicode scalar), e.g. a lone `#` or `:`, `!`, `/`.
        case unknown
        case endOfInput
    }

    var kind: Kind
    var text: String
    var start: Int
    var end: Int

    /// Case-insensitive keyword test (AND, OR, NOT, BETWEEN, IN, SET, REMOVE, ADD, DELETE).
    func isKeyword(_ upper: String) -> Bool {
        kind == .identifier && text.utf8.count == upper.utf8.count && text.uppercased() == upper
    }

    /// The token as DynamoDB names it in "Syntax error; token: ...".
    var quotedText: String { kind == .endOfInput ? "<EOF>" : text }
}
