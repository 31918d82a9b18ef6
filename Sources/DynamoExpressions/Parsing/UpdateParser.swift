/// The grammar of UpdateExpression:
///
///     update  := section+
///     section := SET path '=' value (',' path '=' value)*
///              | REMOVE path (',' path)*
///              | ADD path :value (',' path :value)*
///              | DELETE path :value (',' path :value)*
///     value   := '(' sum ')' | sum
///     sum     := operand '+' operand | operand '-' operand | operand
///     operand := '(' bare ')' | bare
///     bare    := function | :value | path
enum UpdateParser {
    static let sectionKeywords: Set<String> = ["SET", "REMOVE", "ADD", "DELETE"]

    static func parse(_ text: String) throws(ExpressionFailure) -> RawUpdate {
        let cursor = TokenCursor(text)
        do {
            return try parseUpdate(cursor)
        } catch {
            throw cursor.syntaxError()
        }
    }

    static func isName(_ token: Token) -> Bool {
        token.kind == .identifier && !sectionKeywords.contains(token.text.uppercased())
    }

    private static func section(_ token: Token) -> UpdateSection? {
        guard token.kind == .identifier else { return nil }
        return UpdateSection(rawValue: token.text.uppercased())
    }

    private static func parseUpdate(_ c: TokenCursor) throws(SyntaxFailure) -> RawUpdate {
        var update = RawUpdate(sections: [], actions: [])
        guard section(c.current) != nil else { throw c.fail() }
        while let kind = section(c.current) {
            c.advance()
            update.sections.append(kind)
            update.actions.append(try parseAction(kind, c))
            while c.current.kind == .comma {
                c.advance()
                update.actions.append(try parseAction(kind, c))
            }
        }
        try c.expectEnd()
        return update
    }

    private static func parseAction(_ kind: UpdateSection, _ c: TokenCursor) throws(SyntaxFailure) -> RawUpdateAction {
        let path = try c.parsePath(isName: isName)
        switch kind {
        case .set:
            try c.expect(.equal)
            return .set(path, try parseValue(c))
        case .remove:
            return .remove(path)
        case .add, .delete:
            guard c.current.kind == .valueRef else { throw c.fail() }
            let value = c.current.text
            c.advance()
            return kind == .add ? .add(path, value) : .delete(path, value)
        }
    }

    private static func endsAction(_ token: Token) -> Bool {
        token.kind == .comma || token.kind == .endOfInput || section(token) != nil
    }

    private static func parseValue(_ c: TokenCursor) throws(SyntaxFailure) -> RawSetValue {
        if c.current.kind == .leftParen {
            let saved = c.position
            do {
                c.advance()
                let inner = try parseSum(c)
                try c.expect(.rightParen)
                if endsAction(c.current) { return .paren(inner) }
                throw SyntaxFailure()
            } catch {
                c.position = saved
            }
        }
        return try parseSum(c)
    }

    private static func parseSum(_ c: TokenCursor) throws(SyntaxFailure) -> RawSetValue {
        let left = try parseOperand(c)
        switch c.current.kind {
        case .plus:
            c.advance()
            return .plus(left, try parseOperand(c))
        case .minus:
            c.advance()
            return .minus(left, try parseOperand(c))
        default:
            return .operand(left)
        }
    }

    /// One level of parentheses at most around an operand, and one around the whole value.
    private static func parseOperand(_ c: TokenCursor) throws(SyntaxFailure) -> RawOperand {
        guard c.current.kind == .leftParen else { return try parseBareOperand(c) }
        c.advance()
        let inner = try parseBareOperand(c)
        try c.expect(.rightParen)
        return .paren(inner)
    }

    private static func parseBareOperand(_ c: TokenCursor) throws(SyntaxFailure) -> RawOperand {
        switch c.current.kind {
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
