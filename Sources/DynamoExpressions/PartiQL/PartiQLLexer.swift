/// One lexical token of a PartiQL statement. Offsets are UTF-8 byte offsets into the text.
struct PartiQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A bare word: `[A-Za-z_][A-Za-z0-9_$]*` — a keyword, a function or an attribute name.
        case word
        /// `"…"` (a name written as it is, `""` standing for one `"`).
        case quotedName
        /// `'…'` (a string, `''` standing for one `'`).
        case string
        /// Digits with an optional fraction and exponent (no sign: `-` is an operator).
        case number
        /// `?`, a statement parameter.
        case parameter
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case plus, minus, star
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case leftBag, rightBag
        case dot, comma, colon, semicolon
        /// A character that starts no token, an unterminated quote or comment, an Ion
        /// literal: the statement cannot be read at all.
        case unreadable
        case end
    }

    var kind: Kind
    /// The word, name or string with its quotes removed and escapes undone; the number's digits.
    var text: String
    var start: Int
    var end: Int

    /// Case-insensitive keyword test.
    func isWord(_ upper: String) -> Bool {
        kind == .word && text.utf8.count == upper.utf8.count && text.uppercased() == upper
    }
}

/// Splits a statement into tokens. It never fails and never reads past the text: whatever
/// starts no token becomes `.unreadable`, which the parser reports as a statement that is
/// not well formed.
enum PartiQLLexer {
    static func tokenize(_ source: [UInt8]) -> [PartiQLToken] {
        var tokens: [PartiQLToken] = []
        tokens.reserveCapacity(source.count / 3 + 1)
        let n = source.count
        var i = 0

        func isWordStart(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func add(_ kind: PartiQLToken.Kind, _ from: Int, _ to: Int, text: String? = nil) {
            tokens.append(PartiQLToken(kind: kind, text: text ?? String(decoding: source[from..<to], as: UTF8.self), start: from, end: to))
        }
        /// A quoted run ending at the first lone `quote` (a doubled one stands for itself);
        /// nil when the text ends first.
        func quoted(_ quote: UInt8, from start: Int) -> (text: String, end: Int)? {
            var bytes: [UInt8] = []
            var j = start + 1
            while j < n {
                if source[j] == quote {
                    if j + 1 < n, source[j + 1] == quote {
                        bytes.append(quote)
                        j += 2
                        continue
                    }
                    return (String(decoding: bytes, as: UTF8.self), j + 1)
                }
                bytes.append(source[j])
                j += 1
            }
            return nil
        }

        while i < n {
            let b = source[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                i += 1
            case UInt8(ascii: "-") where i + 1 < n && source[i + 1] == UInt8(ascii: "-"):
                // A comment to the end of the line.
                while i < n, source[i] != 0x0A { i += 1 }
            case UInt8(ascii: "/") where i + 1 < n && source[i + 1] == UInt8(ascii: "*"):
                var j = i + 2
                while j + 1 < n, !(source[j] == UInt8(ascii: "*") && source[j + 1] == UInt8(ascii: "/")) { j += 1 }
                if j + 1 >= n {
                    add(.unreadable, i, n)
                    i = n
                } else {
                    i = j + 2
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if let (text, end) = quoted(b, from: i) {
                    add(b == UInt8(ascii: "'") ? .string : .quotedName, i, end, text: text)
                    i = end
                } else {
                    add(.unreadable, i, n)
                    i = n
                }
            case _ where isWordStart(b):
                var j = i + 1
                while j < n, isWordStart(source[j]) || isDigit(source[j]) || source[j] == UInt8(ascii: "$") { j += 1 }
                add(.word, i, j)
                i = j
            case _ where isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < n && isDigit(source[i + 1])):
                var j = i
                while j < n, isDigit(source[j]) { j += 1 }
                if j < n, source[j] == UInt8(ascii: ".") {
                    j += 1
                    while j < n, isDigit(source[j]) { j += 1 }
                }
                if j < n, source[j] == UInt8(ascii: "e") || source[j] == UInt8(ascii: "E") {
                    var k = j + 1
                    if k < n, source[k] == UInt8(ascii: "+") || source[k] == UInt8(ascii: "-") { k += 1 }
                    if k < n, isDigit(source[k]) {
                        while k < n, isDigit(source[k]) { k += 1 }
                        j = k
                    }
                }
                add(.number, i, j)
                i = j
            case UInt8(ascii: "<"):
                if i + 1 < n, source[i + 1] == UInt8(ascii: "<") { add(.leftBag, i, i + 2); i += 2 }
                else if i + 1 < n, source[i + 1] == UInt8(ascii: "=") { add(.lessOrEqual, i, i + 2); i += 2 }
                else if i + 1 < n, source[i + 1] == UInt8(ascii: ">") { add(.notEqual, i, i + 2); i += 2 }
                else { add(.less, i, i + 1); i += 1 }
            case UInt8(ascii: ">"):
                if i + 1 < n, source[i + 1] == UInt8(ascii: ">") { add(.rightBag, i, i + 2); i += 2 }
                else if i + 1 < n, source[i + 1] == UInt8(ascii: "=") { add(.greaterOrEqual, i, i + 2); i += 2 }
                else { add(.greater, i, i + 1); i += 1 }
            case UInt8(ascii: "!"):
                if i + 1 < n, source[i + 1] == UInt8(ascii: "=") { add(.notEqual, i, i + 2); i += 2 }
                else { add(.unreadable, i, i + 1); i += 1 }
            case UInt8(ascii: "="): add(.equal, i, i + 1); i += 1
            case UInt8(ascii: "+"): add(.plus, i, i + 1); i += 1
            case UInt8(ascii: "-"): add(.minus, i, i + 1); i += 1
            case UInt8(ascii: "*"): add(.star, i, i + 1); i += 1
            case UInt8(ascii: "?"): add(.parameter, i, i + 1); i += 1
            case UInt8(ascii: "("): add(.leftParen, i, i + 1); i += 1
            case UInt8(ascii: ")"): add(.rightParen, i, i + 1); i += 1
            case UInt8(ascii: "["): add(.leftBracket, i, i + 1); i += 1
            case UInt8(ascii: "]"): add(.rightBracket, i, i + 1); i += 1
            case UInt8(ascii: "{"): add(.leftBrace, i, i + 1); i += 1
            case UInt8(ascii: "}"): add(.rightBrace, i, i + 1); i += 1
            case UInt8(ascii: "."): add(.dot, i, i + 1); i += 1
            case UInt8(ascii: ","): add(.comma, i, i + 1); i += 1
            case UInt8(ascii: ":"): add(.colon, i, i + 1); i += 1
            case UInt8(ascii: ";"): add(.semicolon, i, i + 1); i += 1
            default:
                // A backtick (Ion literal), `#`, or any other character: one Unicode scalar.
                var j = i + 1
                if b >= 0xC0 { while j < n, source[j] & 0xC0 == 0x80 { j += 1 } }
                add(.unreadable, i, j)
                i = j
            }
        }
        tokens.append(PartiQLToken(kind: .end, text: "", start: n, end: n))
        return tokens
    }
}
