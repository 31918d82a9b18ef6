// A small, strict JSON reader (RFC 8259) that remembers where each value starts and
// ends, so a statement can report the StartPosition/EndPosition that IAM's
// SimulatePrincipalPolicy reports (line and column, both 1-based), and that keeps the
// text of numbers as written (condition values such as 10.50 stay "10.50").

/// A place in a policy document: 1-based line and 1-based column. Columns count
/// Unicode scalars, so a multi-byte character advances the column by one.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One JSON value with the position of its first and last character (inclusive).
struct JSONNode: Sendable {
    var value: JSONValue
    var start: SourcePosition
    var end: SourcePosition
}

/// An object member; `keyPosition` is where the member's key string starts.
struct JSONMember: Sendable {
    var key: String
    var keyPosition: SourcePosition
    var node: JSONNode
}

enum JSONValue: Sendable {
    case object([JSONMember])
    case array([JSONNode])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The members of an object, with a duplicated key keeping only its last value
    /// (as IAM does: a repeated key silently replaces the earlier one), in first-seen order.
    var lastWinsMembers: [JSONMember]? {
        guard case .object(let members) = self else { return nil }
        var order: [String] = []
        var byKey: [String: JSONMember] = [:]
        for member in members {
            if byKey[member.key] == nil { order.append(member.key) }
            byKey[member.key] = member
        }
        return order.map { byKey[$0]! }
    }
}

struct JSONSyntaxError: Error, Sendable {
    var reason: String
    var position: SourcePosition
}

/// Reads one JSON document. Nesting deeper than `maxDepth` is refused so a hostile
/// document cannot exhaust the stack.
struct PolicyJSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private let maxDepth = 64

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    static func read(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var reader = PolicyJSONReader(text)
        reader.skipByteOrderMark()
        reader.skipWhitespace()
        let node = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        if reader.index < reader.bytes.count {
            throw reader.error("unexpected text after the JSON document")
        }
        return node
    }

    // MARK: - Cursor

    private var position: SourcePosition { SourcePosition(line: line, column: column) }

    private func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, position: position)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte, keeping line and column (in Unicode scalars) up to date.
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// The position of the last character consumed (the byte just before `index`).
    private var previousPosition: SourcePosition {
        SourcePosition(line: line, column: max(1, column - 1))
    }

    private mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                advance()
            default:
                return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard current == byte else { throw error("expected \(what)") }
        advance()
    }

    // MARK: - Values

    private mutating func readValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < maxDepth else { throw error("nesting is too deep") }
        guard let byte = current else { throw error("unexpected end of document") }
        let start = position
        let value: JSONValue
        switch byte {
        case UInt8(ascii: "{"): value = try readObject(depth: depth)
        case UInt8(ascii: "["): value = try readArray(depth: depth)
        case UInt8(ascii: "\""): value = .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); value = .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); value = .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try readNumber())
        default: throw error("unexpected character")
        }
        return JSONNode(value: value, start: start, end: previousPosition)
    }

    private mutating func readObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        advance()  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let keyPosition = position
            let key = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            let node = try readValue(depth: depth + 1)
            members.append(JSONMember(key: key, keyPosition: keyPosition, node: node))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return .object(members)
        }
    }

    private mutating func readArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        advance()  // [
        var items: [JSONNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try readValue(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return .array(items)
        }
    }

    private mutating func readLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let text = word.utf8Start
        for offset in 0..<word.utf8CodeUnitCount {
            guard current == text[offset] else { throw error("unexpected character") }
            advance()
        }
    }

    private mutating func readNumber() throws(JSONSyntaxError) -> String {
        let begin = index
        if current == UInt8(ascii: "-") { advance() }
        guard let first = current, isDigit(first) else { throw error("malformed number") }
        if first == UInt8(ascii: "0") {
            advance()
        } else {
            while let byte = current, isDigit(byte) { advance() }
        }
        if current == UInt8(ascii: ".") {
            advance()
            guard let byte = current, isDigit(byte) else { throw error("malformed number") }
            while let byte = current, isDigit(byte) { advance() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard let byte = current, isDigit(byte) else { throw error("malformed number") }
            while let byte = current, isDigit(byte) { advance() }
        }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func readString() throws(JSONSyntaxError) -> String {
        advance()  // opening quote
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw error("string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                advance()
                try readEscape(into: &out)
            case 0..<0x20:
                throw error("control character in string")
            default:
                out.append(byte)
                advance()
            }
        }
    }

    private mutating func readEscape(into out: inout [UInt8]) throws(JSONSyntaxError) {
        guard let byte = current else { throw error("unterminated escape") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalarValue = try readHex4()
            if (0xD800...0xDBFF).contains(scalarValue) {
                guard current == UInt8(ascii: "\\") else { throw error("lone surrogate") }
                advance()
                guard current == UInt8(ascii: "u") else { throw error("lone surrogate") }
                advance()
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate") }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalarValue) {
                throw error("lone surrogate")
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw error("invalid escape") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape")
        }
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw error("unterminated escape") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }
}
