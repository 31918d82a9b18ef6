/// Splits an expression into tokens. It never fails: characters that start no token become
/// `.unknown` tokens, and the parser reports them as syntax errors with DynamoDB's wording.
enum Lexer {
    static func tokenize(_ source: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(source.count / 2 + 1)
        var i = 0
        let n = source.count

        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: source[from..<to], as: UTF8.self)
        }
        func add(_ kind: Token.Kind, _ from: Int, _ to: Int) {
            tokens.append(Token(kind: kind, text: text(from, to), start: from, end: to))
        }

        while i < n {
            let b = source[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "#"), UInt8(ascii: ":"):
                var j = i + 1
                while j < n, isWordByte(source[j]) { j += 1 }
                if j == i + 1 {
                    add(.unknown, i, i + 1)
                    i += 1
                } else {
                    add(b == UInt8(ascii: "#") ? .nameRef : .valueRef, i, j)
                    i = j
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var j = i + 1
                while j < n, source[j] >= 0x30, source[j] <= 0x39 { j += 1 }
                add(.number, i, j)
                i = j
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                var j = i + 1
                while j < n, isWordByte(source[j]) { j += 1 }
                add(.identifier, i, j)
                i = j
            case UInt8(ascii: "<"):
                if i + 1 < n, source[i + 1] == UInt8(ascii: ">") {
                    add(.notEqual, i, i + 2); i += 2
                } else if i + 1 < n, source[i + 1] == UInt8(ascii: "=") {
                    add(.lessOrEqual, i, i + 2); i += 2
                } else {
                    add(.less, i, i + 1); i += 1
                }
            case UInt8(ascii: ">"):
                if i + 1 < n, source[i + 1] == UInt8(ascii: "=") {
                    add(.greaterOrEqual, i, i + 2); i += 2
                } else {
                    add(.greater, i, i + 1); i += 1
                }
            case UInt8(ascii: "="): add(.equal, i, i + 1); i += 1
            case UInt8(ascii: "+"): add(.plus, i, i + 1); i += 1
            case UInt8(ascii: "-"): add(.minus, i, i + 1); i += 1
            case UInt8(ascii: "("): add(.leftParen, i, i + 1); i += 1
            case UInt8(ascii: ")"): add(.rightParen, i, i + 1); i += 1
            case UInt8(ascii: "["): add(.leftBracket, i, i + 1); i += 1
            case UInt8(ascii: "]"): add(.rightBracket, i, i + 1); i += 1
            case UInt8(ascii: "."): add(.dot, i, i + 1); i += 1
            case UInt8(ascii: ","): add(.comma, i, i + 1); i += 1
            default:
                // One Unicode scalar: a lead byte plus its continuation bytes.
                var j = i + 1
                if b >= 0xC0 {
                    while j < n, source[j] & 0xC0 == 0x80 { j += 1 }
                }
                add(.unknown, i, j)
                i = j
            }
        }
        tokens.append(Token(kind: .endOfInput, text: "", start: n, end: n))
        return tokens
    }
}
