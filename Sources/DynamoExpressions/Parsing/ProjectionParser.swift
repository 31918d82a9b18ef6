/// The grammar of ProjectionExpression: `path (',' path)*`.
enum ProjectionParser {
    static func parse(_ text: String) throws(ExpressionFailure) -> RawProjection {
        let cursor = TokenCursor(text)
        do {
            var paths = [try cursor.parsePath(isName: isName)]
            while cursor.current.kind == .comma {
                cursor.advance()
                paths.append(try cursor.parsePath(isName: isName))
            }
            try cursor.expectEnd()
            return RawProjection(paths: paths)
        } catch {
            throw cursor.syntaxError()
        }
    }

    static func isName(_ token: Token) -> Bool { token.kind == .identifier }
}
