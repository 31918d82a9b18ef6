import DynamoModel

/// One expression as PartiQL reads it, before it is sorted into a condition or a value.
indirect enum PQExpr: Sendable {
    case path(PQPath)
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case missing
    case parameter(Int)
    case list([PQExpr])
    case map([(String, PQExpr)])
    case bag([PQExpr])
    case call(String, [PQExpr])
    case plus(PQExpr, PQExpr)
    case minus(PQExpr, PQExpr)
    case negate(PQExpr)
    case compare(CompareOperator, PQExpr, PQExpr)
    case between(PQExpr, PQExpr, PQExpr, negated: Bool)
    case inList(PQExpr, PQExpr, negated: Bool)
    case isType(PQExpr, String, negated: Bool)
    case and(PQExpr, PQExpr)
    case or(PQExpr, PQExpr)
    case not(PQExpr)
}

/// The expression grammar, lowest precedence first:
///
///     or        := and (OR and)*
///     and       := not (AND not)*
///     not       := NOT not | predicate
///     predicate := additive [ comparator additive | [NOT] BETWEEN additive AND additive
///                           | [NOT] IN additive | IS [NOT] type ]
///     additive  := unary (('+' | '-') unary)*
///     unary     := '-' unary | primary
///     primary   := string | number | TRUE | FALSE | NULL | MISSING | '?' | path
///                | name '(' [or (',' or)*] ')' | '(' or (',' or)* ')'
///                | '[' [or (',' or)*] ']' | '{' [string ':' or (',' string ':' or)*] '}'
///                | '<<' [or (',' or)*] '>>'
extension PartiQLParser {
    mutating func expression() throws(PQFailure) -> PQExpr {
        try orExpression()
    }

    /// One more level of nesting, refused past `maxDepth`.
    mutating func enter() throws(PQFailure) {
        depth += 1
        if depth > PartiQLParser.maxDepth { throw .malformed("") }
    }

    /// One more operator or function. A statement becomes DynamoDB expressions, which hold at
    /// most 300 of them; the bound also keeps every tree made from it shallow enough to walk
    /// recursively.
    mutating func counted<T>(_ node: T) throws(PQFailure) -> T {
        operators += 1
        if operators > Limits.maxOperators { throw PQFailure(Messages.tooManyOperators(operators)) }
        return node
    }

    mutating func orExpression() throws(PQFailure) -> PQExpr {
        var left = try andExpression()
        while accept("OR") {
            try rightHandSide()
            left = try counted(.or(left, try andExpression()))
        }
        return left
    }

    mutating func andExpression() throws(PQFailure) -> PQExpr {
        var left = try notExpression()
        while accept("AND") {
            try rightHandSide()
            left = try counted(.and(left, try notExpression()))
        }
        return left
    }

    func rightHandSide() throws(PQFailure) {
        if current.kind == .end || current.kind == .semicolon { throw .malformed(PQMessages.missingRightHandSide) }
    }

    mutating func notExpression() throws(PQFailure) -> PQExpr {
        guard accept("NOT") else { return try predicate() }
        try enter()
        defer { depth -= 1 }
        return try counted(.not(try notExpression()))
    }

    mutating func predicate() throws(PQFailure) -> PQExpr {
        let left = try additive()
        let comparators: [PartiQLToken.Kind: CompareOperator] = [
            .equal: .equal, .notEqual: .notEqual, .less: .less, .lessOrEqual: .lessOrEqual,
            .greater: .greater, .greaterOrEqual: .greaterOrEqual,
        ]
        if let op = comparators[current.kind] {
            advance()
            return try counted(.compare(op, left, try additive()))
        }
        var negated = false
        if current.isWord("NOT"), next.isWord("BETWEEN") || next.isWord("IN") {
            advance()
            negated = true
        }
        if accept("BETWEEN") {
            let low = try additive()
            try expect("AND")
            return try counted(.between(left, low, try additive(), negated: negated))
        }
        if accept("IN") {
            return try counted(.inList(left, try additive(), negated: negated))
        }
        if accept("IS") {
            let not = accept("NOT")
            guard current.kind == .word else { throw unexpected(PQMessages.expectedTypeName) }
            let type = current.text.uppercased()
            advance()
            return try counted(.isType(left, type, negated: not))
        }
        return left
    }

    mutating func additive() throws(PQFailure) -> PQExpr {
        var left = try unary()
        while true {
            if accept(.plus) {
                left = try counted(.plus(left, try unary()))
            } else if accept(.minus) {
                left = try counted(.minus(left, try unary()))
            } else {
                return left
            }
        }
    }

    mutating func unary() throws(PQFailure) -> PQExpr {
        guard accept(.minus) else { return try primary() }
        if current.kind == .number {
            let text = current.text
            advance()
            return .number("-" + text)
        }
        try enter()
        defer { depth -= 1 }
        return try counted(.negate(try unary()))
    }

    mutating func primary() throws(PQFailure) -> PQExpr {
        let token = current
        switch token.kind {
        case .string:
            advance()
            return .string(token.text)
        case .number:
            advance()
            return .number(token.text)
        case .parameter:
            advance()
            parameters += 1
            return .parameter(parameters - 1)
        case .word where token.isWord("TRUE") || token.isWord("FALSE"):
            advance()
            return .bool(token.isWord("TRUE"))
        case .word where token.isWord("NULL"):
            advance()
            return .null
        case .word where token.isWord("MISSING"):
            advance()
            return .missing
        case .word where !PartiQLKeywords.isReserved(token) && next.kind == .leftParen:
            advance()
            advance()
            try enter()
            defer { depth -= 1 }
            let args = try sequence(until: .rightParen)
            return try counted(.call(token.text.lowercased(), args))
        case .word where !PartiQLKeywords.isReserved(token), .quotedName:
            return .path(try path())
        case .leftParen:
            advance()
            try enter()
            defer { depth -= 1 }
            let first = try expression()
            if accept(.comma) {
                var elements = [first]
                repeat { elements.append(try expression()) } while accept(.comma)
                try expect(.rightParen)
                return .list(elements)
            }
            try expect(.rightParen)
            return first
        case .leftBracket:
            advance()
            try enter()
            defer { depth -= 1 }
            return .list(try sequence(until: .rightBracket))
        case .leftBag:
            advance()
            try enter()
            defer { depth -= 1 }
            return .bag(try sequence(until: .rightBag))
        case .leftBrace:
            advance()
            try enter()
            defer { depth -= 1 }
            var members: [(String, PQExpr)] = []
            if accept(.rightBrace) { return .map(members) }
            repeat {
                guard current.kind == .string else { throw unexpected() }
                let name = current.text
                advance()
                try expect(.colon)
                members.append((name, try expression()))
            } while accept(.comma)
            try expect(.rightBrace)
            return .map(members)
        case .word where ["IS", "IN", "LIKE", "AND", "OR", "BETWEEN"].contains(token.text.uppercased()):
            throw unexpected(PQMessages.unexpectedOperator)
        case .word:
            throw unexpected(PQMessages.unexpectedKeyword)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .plus, .star:
            throw unexpected(PQMessages.unexpectedOperator)
        default:
            throw unexpected()
        }
    }

    /// Comma-separated expressions up to the closing token (none at all allowed).
    mutating func sequence(until close: PartiQLToken.Kind) throws(PQFailure) -> [PQExpr] {
        var elements: [PQExpr] = []
        if accept(close) { return elements }
        repeat { elements.append(try expression()) } while accept(.comma)
        try expect(close)
        return elements
    }
}
