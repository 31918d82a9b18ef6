/// Thrown inside the parsers when a token does not fit the grammar; the cursor remembers the
/// furthest token that failed, which is the one DynamoDB names in its syntax error.
struct SyntaxFailure: Error {}

/// A position in the token stream shared by the three grammars, with backtracking.
final class TokenCursor {
    let source: [UInt8]
    let tokens: [Token]
    var position = 0
    private var furthest = 0

    init(_ text: String) {
        source = Array(text.utf8)
        tokens = Lexer.tokenize(source)
    }

    var current: Token { tokens[position] }
    var next: Token { tokens[min(position + 1, tokens.count - 1)] }

    /// Records a failure at the current token and returns the error to throw.
    func fail() -> SyntaxFailure {
        if position > furthest { furthest = position }
        return SyntaxFailure()
    }

    func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    func expect(_ kind: Token.Kind) throws(SyntaxFailure) {
        guard current.kind == kind else { throw fail() }
        advance()
    }

    func expectEnd() throws(SyntaxFailure) {
        guard current.kind == .endOfInput else { throw fail() }
    }

    /// `Syntax error; token: "<token>", near: "<context>"` for the furthest failing token:
    /// the context is the source text from the token before it through the token after it
    /// (for `<EOF>`, from the last token to the end of the text).
    func syntaxError() -> ExpressionFailure {
        let index = furthest
        let token = tokens[index]
        let from = index > 0 ? tokens[index - 1].start : token.start
        let to: Int
        if token.kind == .endOfInput {
            to = source.count
        } else if index + 1 < tokens.count, tokens[index + 1].kind != .endOfInput {
            to = tokens[index + 1].end
        } else {
            to = token.end
        }
        let near = from < to ? String(decoding: source[from..<to], as: UTF8.self) : ""
        return ExpressionFailure("Syntax error; token: \"\(token.quotedText)\", near: \"\(near)\"")
    }

    /// A document path: a name then any number of `.name` and `[index]`. `isName` says which
    /// identifiers may serve as names (grammar keywords may not).
    func parsePath(isName: (Token) -> Bool) throws(SyntaxFailure) -> RawPath {
        var elements: [RawPathElement] = [try parsePathName(isName: isName)]
        while true {
            switch current.kind {
            case .dot:
                advance()
                elements.append(try parsePathName(isName: isName))
            case .leftBracket:
                advance()
                guard current.kind == .number, let index = Int(current.text) else { throw fail() }
                advance()
                try expect(.rightBracket)
                elements.append(.index(index))
            default:
                return RawPath(elements: elements)
            }
        }
    }

    private func parsePathName(isName: (Token) -> Bool) throws(SyntaxFailure) -> RawPathElement {
        let token = current
        switch token.kind {
        case .nameRef:
            advance()
            return .placeholder(token.text)
        case .identifier where isName(token):
            advance()
            return .name(token.text)
        default:
            throw fail()
        }
    }

    /// `name ( operand, ... )` — `parseArgument` parses each argument.
    func parseFunction(
        _ parseArgument: () throws(SyntaxFailure) -> RawOperand
    ) throws(SyntaxFailure) -> RawOperand {
        let name = current.text
        advance()
        try expect(.leftParen)
        var args = [try parseArgument()]
        while current.kind == .comma {
            advance()
            args.append(try parseArgument())
        }
        try expect(.rightParen)
        return .function(name: name, args: args)
    }
}
