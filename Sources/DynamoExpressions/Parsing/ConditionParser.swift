/// The grammar of ConditionExpression, FilterExpression and KeyConditionExpression:
///
///     or        := and (OR and)*
///     and       := not (AND not)*
///     not       := NOT group | group
///     group     := leaf | '(' or ')'
///     leaf      := operand comparator operand
///                | operand BETWEEN operand AND operand
///                | operand IN '(' operand (',' operand)* ')'
///                | function
///     operand   := '(' operand ')' | function | :value | path
///
/// Precedence is NOT > AND > OR, as in DynamoDB.
enum ConditionParser {
    static let keywords: Set<String> = ["AND", "OR", "NOT", "BETWEEN", "IN"]

    static func parse(_ text: String) throws(ExpressionFailure) -> RawCondition {
        let cursor = TokenCursor(text)
        do {
            let condition = try parseOr(cursor)
            try cursor.expectEnd()
            return condition
        } catch {
            throw cursor.syntaxError()
        }
    }

    static func isName(_ token: Token) -> Bool {
        token.kind == .identifier && !keywords.contains(token.text.uppercased())
    }

    private static func parseOr(_ c: TokenCursor) throws(SyntaxFailure) -> RawCondition {
        var left = try parseAnd(c)
        while c.current.isKeyword("OR") {
            c.advance()
            left = .or(left, try parseAnd(c))
        }
        return left
    }

    private static func parseAnd(_ c: TokenCursor) throws(SyntaxFailure) -> RawCondition {
        var left = try parseNot(c)
        while c.current.isKeyword("AND") {
            c.advance()
            left = .and(left, try parseNot(c))
        }
        return left
    }

    private static func parseNot(_ c: TokenCursor) throws(SyntaxFailure) -> RawCondition {
        if c.current.isKeyword("NOT") {
            c.advance()
            return .not(try parseGroup(c))
        }
        return try parseGroup(c)
    }

    private static func parseGroup(_ c: TokenCursor) throws(SyntaxFailure) -> RawCondition {
        guard c.current.kind == .leftParen else { return try parseLeaf(c) }
        // "(a) = b" is a comparison of a parenthesised operand; "(a = b)" is a group.
        let saved = c.position
        do {
            return try parseLeaf(c)
        } catch {
            c.position = saved
        }
        c.advance()
        let inner = try parseOr(c)
        try c.expect(.rightParen)
        return .group(inner)
    }

    private static func parseLeaf(_ c: TokenCursor) throws(SyntaxFailure) -> RawCondition {
        let left = try parseOperand(c)
        let token = c.current
        switch token.kind {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            c.advance()
            let op = CompareOperator(rawValue: token.text)!
            return .compare(op, left, try parseOperand(c))
        case .identifier where token.isKeyword("BETWEEN"):
            c.advance()
            let low = try parseOperand(c)
            guard c.current.isKeyword("AND") else { throw c.fail() }
            c.advance()
            return .between(left, low, try parseOperand(c))
        case .identifier where token.isKeyword("IN"):
            c.advance()
            try c.expect(.leftParen)
            var list = [try parseOperand(c)]
            while c.current.kind == .comma {
                c.advance()
                list.append(try parseOperand(c))
            }
            try c.expect(.rightParen)
            return .inList(left, list)
        default:
            if case .function(let name, let args) = left { return .function(name: name, args: args) }
            throw c.fail()
        }
    }

    static func parseOperand(_ c: TokenCursor) throws(SyntaxFailure) -> RawOperand {
        switch c.current.kind {
        case .leftParen:
            c.advance()
            let inner = try parseOperand(c)
            try c.expect(.rightParen)
            return .paren(inner)
        case .valueRef:
            let name = c.current.text
            c.advance()
            return .value(name)
        case .identifier where isName(c.current) && c.next.kind == .leftParen:
            return try c.parseFunction { () throws(SyntaxFailure) -> RawOperand in try parseOperand(c) }
        case .identifier, .nameRef:
            return .path(try c.parsePath(isName: isName))
        default:
            throw c.fail()
        }
    }
}
