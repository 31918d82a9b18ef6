import DynamoModel

/// Reads a PartiQL statement for DynamoDB
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html):
///
///     statement := select | insert | update | delete | EXISTS '(' select ')'   [';']
///     select    := SELECT ('*' | path (',' path)*) FROM source [WHERE expr]
///                  [ORDER BY path [ASC|DESC] (',' path [ASC|DESC])*]
///     insert    := INSERT INTO name VALUE expr
///     update    := UPDATE source (SET path '=' expr (',' path '=' expr)* | REMOVE path (',' path)*)+
///                  [WHERE expr] [RETURNING (ALL|MODIFIED) (OLD|NEW) '*']
///     delete    := DELETE FROM source [WHERE expr] [RETURNING ALL OLD '*']
///     source    := name ['.' name]
///
/// Expressions (`PartiQLExpressionParser`) are read into one tree and sorted into conditions
/// and values afterwards, as PartiQL itself does. The reader never fails for lack of input
/// and never recurses deeper than `maxDepth` levels (a statement is at most 8,192 bytes), so
/// any text, however hostile, ends in a statement or a ValidationException.
struct PartiQLParser {
    /// Nesting of parentheses, lists, maps, bags, NOT and unary minus together.
    static let maxDepth = 100

    let source: [UInt8]
    let tokens: [PartiQLToken]
    var position = 0
    var depth = 0
    /// Operators and functions met so far.
    var operators = 0
    /// `?` parameters met so far.
    var parameters = 0

    init(_ text: String) {
        source = Array(text.utf8)
        tokens = PartiQLLexer.tokenize(source)
    }

    var current: PartiQLToken { tokens[position] }
    var next: PartiQLToken { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    /// Takes the current token when it is the keyword.
    mutating func accept(_ keyword: String) -> Bool {
        guard current.isWord(keyword) else { return false }
        advance()
        return true
    }

    mutating func accept(_ kind: PartiQLToken.Kind) -> Bool {
        guard current.kind == kind else { return false }
        advance()
        return true
    }

    /// The failure for the current token where something else was expected.
    func unexpected(_ detail: String = PQMessages.unexpectedTerm) -> PQFailure {
        if tokens.contains(where: { $0.kind == .unreadable }) { return .malformed("") }
        return .malformed(detail)
    }

    mutating func expect(_ kind: PartiQLToken.Kind) throws(PQFailure) {
        guard accept(kind) else { throw unexpected() }
    }

    mutating func expect(_ keyword: String) throws(PQFailure) {
        guard accept(keyword) else { throw unexpected(current.kind == .end ? PQMessages.unexpectedTerm : PQMessages.unexpectedKeyword) }
    }

    // MARK: statements

    static func parse(_ text: String) throws(PQFailure) -> (PQStatement, parameters: Int) {
        var parser = PartiQLParser(text)
        // Text that cannot even be split into tokens is refused before anything else.
        if parser.tokens.contains(where: { $0.kind == .unreadable }) { throw .malformed("") }
        let statement = try parser.statement()
        _ = parser.accept(.semicolon)
        guard parser.current.kind == .end else { throw .malformed(PQMessages.leftover) }
        return (statement, parser.parameters)
    }

    mutating func statement() throws(PQFailure) -> PQStatement {
        if accept("SELECT") { return .select(try selectBody()) }
        if accept("INSERT") { return try insert() }
        if accept("UPDATE") { return try update() }
        if accept("DELETE") { return try delete() }
        if current.isWord("EXISTS"), next.kind == .leftParen {
            advance()
            advance()
            guard accept("SELECT") else { throw unexpected() }
            let select = try selectBody()
            try expect(.rightParen)
            return .exists(select)
        }
        throw .malformed(PQMessages.expectedStatement)
    }

    mutating func selectBody() throws(PQFailure) -> PQSelect {
        var projection: [PQPath]?
        if accept(.star) {
            if current.kind == .comma { throw PQFailure(PQMessages.starAndOthers) }
        } else {
            var paths = [try projectedPath()]
            while accept(.comma) {
                if current.kind == .star { throw PQFailure(PQMessages.starAndOthers) }
                paths.append(try projectedPath())
            }
            projection = paths
        }
        guard accept("FROM") else { throw unexpected() }
        let (table, index) = try source()
        var condition: PQCondition?
        if accept("WHERE") { condition = try PQConditions.condition(try expression()) }
        var orderBy: [(PQPath, descending: Bool)] = []
        if accept("ORDER") {
            try expect("BY")
            repeat {
                let path = try path()
                var descending = false
                if accept("DESC") { descending = true } else { _ = accept("ASC") }
                orderBy.append((path, descending))
            } while accept(.comma)
        }
        return PQSelect(projection: projection, table: table, index: index, condition: condition, orderBy: orderBy)
    }

    mutating func projectedPath() throws(PQFailure) -> PQPath {
        if current.kind == .end || current.isWord("FROM") { throw unexpected() }
        return try path()
    }

    mutating func insert() throws(PQFailure) -> PQStatement {
        try expect("INTO")
        let (table, index) = try source(aliasing: false)
        if index != nil { throw PQFailure(PQMessages.dmlOnIndex) }
        if current.isWord("VALUES") { throw PQFailure(PQMessages.multipleInsert) }
        guard accept("VALUE") else { throw .malformed(PQMessages.leftover) }
        let item = try PQConditions.value(try expression(), context: .insert)
        if current.isWord("RETURNING") { throw PQFailure(PQMessages.returningInInsert) }
        return .insert(table: table, item: item)
    }

    mutating func update() throws(PQFailure) -> PQStatement {
        let (table, index) = try source()
        var actions: [PQUpdateAction] = []
        while true {
            if accept("SET") {
                repeat {
                    let target = try path()
                    try expect(.equal)
                    actions.append(.set(target, try PQConditions.value(try expression(), context: .update)))
                } while accept(.comma)
            } else if accept("REMOVE") {
                repeat { actions.append(.remove(try path())) } while accept(.comma)
            } else {
                break
            }
        }
        if actions.isEmpty { throw unexpected() }
        var condition: PQCondition?
        if accept("WHERE") { condition = try PQConditions.condition(try expression()) }
        return .update(table: table, index: index, actions: actions, condition: condition, returning: try returning())
    }

    mutating func delete() throws(PQFailure) -> PQStatement {
        guard accept("FROM") else { throw unexpected() }
        if current.kind != .word && current.kind != .quotedName || PartiQLKeywords.isReserved(current) {
            throw .malformed(PQMessages.expectedPath)
        }
        let (table, index) = try source()
        var condition: PQCondition?
        if accept("WHERE") { condition = try PQConditions.condition(try expression()) }
        let returning = try returning()
        if let returning, returning != .allOld { throw PQFailure(PQMessages.invalidDeleteReturning(returning)) }
        return .delete(table: table, index: index, condition: condition, returning: returning)
    }

    mutating func returning() throws(PQFailure) -> PartiQLReturning? {
        guard accept("RETURNING") else { return nil }
        let scope: String
        if accept("ALL") { scope = "ALL" } else if accept("MODIFIED") { scope = "MODIFIED" } else { throw unexpected() }
        let image: String
        if accept("OLD") { image = "OLD" } else if accept("NEW") { image = "NEW" } else { throw unexpected() }
        guard accept(.star) else {
            throw PQFailure("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause")
        }
        return PartiQLReturning(rawValue: "\(scope) \(image)")
    }

    /// `table` or `"table"."index"`, with DynamoDB's texts for the forms it refuses.
    mutating func source(aliasing: Bool = true) throws(PQFailure) -> (String, String?) {
        let table = try sourceName()
        var index: String?
        if accept(.dot) {
            index = try sourceName()
            if current.kind == .dot { throw PQFailure(PQMessages.fromPathTooLong) }
        }
        if aliasing, current.isWord("AS") || (current.kind == .word && !PartiQLKeywords.isReserved(current)) || current.kind == .quotedName {
            throw PQFailure(PQMessages.aliasing)
        }
        return (table, index)
    }

    mutating func sourceName() throws(PQFailure) -> String {
        if current.kind == .quotedName && current.text.isEmpty { throw PQFailure(PQMessages.emptyPathComponent) }
        if current.kind == .end { throw unexpected() }
        return try pathName()
    }

    // MARK: paths

    /// A document path: a name, then `.name` and `[index]` steps.
    mutating func path() throws(PQFailure) -> PQPath {
        var elements: [DocumentPathElement] = [.name(AttributeName(try pathName()))]
        while true {
            if accept(.dot) {
                elements.append(.name(AttributeName(try pathName())))
            } else if current.kind == .leftBracket, next.kind == .number {
                advance()
                guard let index = Int(current.text), index >= 0 else { throw unexpected() }
                advance()
                try expect(.rightBracket)
                elements.append(.index(index))
            } else {
                return PQPath(elements: elements)
            }
        }
    }

    mutating func pathName() throws(PQFailure) -> String {
        let token = current
        switch token.kind {
        case .quotedName:
            advance()
            return token.text
        case .word where !PartiQLKeywords.isReserved(token):
            advance()
            return token.text
        case .word:
            throw unexpected(PQMessages.unexpectedKeyword)
        case .leftBracket:
            throw PQFailure(PQMessages.pathStartsWithIndex)
        case .end:
            throw unexpected(PQMessages.expectedPath)
        default:
            throw unexpected()
        }
    }
}

/// Words PartiQL reserves: a bare attribute name cannot be one of them (write it `"name"`).
enum PartiQLKeywords {
    static let reserved: Set<String> = [
        "ALL", "AND", "AS", "ASC", "AT", "BETWEEN", "BY", "CASE", "CAST", "DELETE", "DESC", "DISTINCT", "ELSE", "END",
        "EXISTS", "FALSE", "FROM", "GROUP", "HAVING", "IN", "INSERT", "INTO", "IS", "JOIN", "LIKE", "LIMIT", "MISSING", "NOT",
        "NULL", "OFFSET", "ON", "OR", "ORDER", "PIVOT", "REMOVE", "RETURNING", "SELECT", "SET", "THEN", "TRUE", "UNION",
        "UNPIVOT", "UPDATE", "VALUE", "VALUES", "WHEN", "WHERE", "WITH",
    ]

    static func isReserved(_ token: PartiQLToken) -> Bool {
        token.kind == .word && token.text.utf8.count <= 9 && reserved.contains(token.text.uppercased())
    }
}
