/// A strict JSON reader over UTF-8 bytes. Errors carry a message in the style of the Jackson
/// reader behind AWS's JSON protocols; the server turns them into `SerializationException`.
public struct JSONParseError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
}

public enum JSONParser {
    /// Nesting deeper than this is refused rather than risking the stack.
    public static let maxDepth = 512

    /// The hot path (every DynamoDB request body): no positions kept.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var tracker = NoSpans()
        return try parse(bytes, maxDepth: maxDepth, tracker: &tracker)
    }

    /// The same reading, keeping where each value (and each member's key) is in `bytes`: for
    /// readers that report positions, such as IAM's policy grammar.
    public static func parseWithSpans(_ bytes: [UInt8], maxDepth: Int = maxDepth) throws(JSONParseError) -> (JSONValue, JSONSpans) {
        var tracker = JSONSpans()
        let value = try parse(bytes, maxDepth: maxDepth, tracker: &tracker)
        return (value, tracker)
    }

    static func parse<T: SpanTracker>(_ bytes: [UInt8], maxDepth: Int, tracker: inout T) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            var reader = Reader(bytes: buffer, maxDepth: maxDepth, tracker: tracker)
            defer { tracker = reader.tracker }
            reader.skipWhitespace()
            let value = try reader.readValue(depth: 0)
            reader.skipWhitespace()
            if reader.index != buffer.count {
                throw reader.error("Unexpected character after the JSON value")
            }
            return value
        }
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// Where the parts of a document are, as byte offsets into the parsed bytes: every value's
/// first and last byte in document order (a value before the values inside it), and the
/// opening quote of every object member's key, in document order.
public struct JSONSpans: Sendable, SpanTracker {
    public var values: [(start: Int, end: Int)] = []
    public var keys: [Int] = []

    public init() {}

    @inline(__always) mutating func begin(at offset: Int) -> Int {
        values.append((offset, offset))
        return values.count - 1
    }

    @inline(__always) mutating func end(_ slot: Int, at offset: Int) { values[slot].end = offset }

    @inline(__always) mutating func key(at offset: Int) { keys.append(offset) }
}

/// What the reader tells as it goes; `NoSpans` (the hot path) compiles to nothing.
protocol SpanTracker {
    mutating func begin(at offset: Int) -> Int
    mutating func end(_ slot: Int, at offset: Int)
    mutating func key(at offset: Int)
}

struct NoSpans: SpanTracker {
    @inline(__always) func begin(at offset: Int) -> Int { 0 }
    @inline(__always) func end(_ slot: Int, at offset: Int) {}
    @inline(__always) func key(at offset: Int) {}
}

private struct Reader<Tracker: SpanTracker> {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    let maxDepth: Int
    var tracker: Tracker

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, tracker: Tracker) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.tracker = tracker
    }

    func error(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: index) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func readValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < maxDepth else { throw error("JSON nested too deeply") }
        guard index < bytes.count else { throw error("Unexpected end of input") }
        let slot = tracker.begin(at: index)
        let value: JSONValue
        switch bytes[index] {
        case UInt8(ascii: "{"): value = try readObject(depth: depth)
        case UInt8(ascii: "["): value = try readArray(depth: depth)
        case UInt8(ascii: "\""): value = .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); value = .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); value = .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try readNumber())
        default: throw error("Unexpected character ('\(Character(Unicode.Scalar(bytes[index])))')")
        }
        tracker.end(slot, at: index - 1)
        return value
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("Unexpected end of input") }
        let start = word.utf8Start
        for i in 0..<count where bytes[index + i] != start[i] {
            throw error("Unrecognized token")
        }
        index += count
    }

    mutating func readObject(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("Unexpected character: was expecting double-quote to start field name")
            }
            tracker.key(at: index)
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("Unexpected character: was expecting a colon to separate field name and value")
            }
            index += 1
            skipWhitespace()
            let value = try readValue(depth: depth + 1)
            members.append((key, value))
            skipWhitespace()
            guard index < bytes.count else { throw error("Unexpected end of input: expected close marker for OBJECT") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("Unexpected character: was expecting comma to separate OBJECT entries")
        }
    }

    mutating func readArray(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw error("Unexpected end of input: expected close marker for ARRAY") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error("Unexpected character: was expecting comma to separate ARRAY entries")
        }
    }

    mutating func readNumber() throws(JSONParseError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("Invalid numeric value") }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw error("Invalid numeric value: Leading zeroes not allowed")
        }
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("Invalid numeric value") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("Invalid numeric value") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func readString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let s = try makeString(start..<index)
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("Illegal unquoted character: control characters must be escaped") }
            index += 1
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                guard let s = String(validating: scratch, as: UTF8.self) else { throw error("Invalid UTF-8 in string") }
                return s
            }
            if b < 0x20 { throw error("Illegal unquoted character: control characters must be escaped") }
            if b != UInt8(ascii: "\\") {
                scratch.append(b)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("Unpaired surrogate in string")
                    }
                    index += 2
                    let low = try readHex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw error("Unpaired surrogate in string") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("Unpaired surrogate in string")
                }
                guard let us = Unicode.Scalar(scalar) else { throw error("Invalid unicode escape") }
                scratch.append(contentsOf: Array(String(Character(us)).utf8))
            default:
                throw error("Unrecognized character escape")
            }
        }
        throw error("Unexpected end of input in string")
    }

    mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("Unexpected end of input in unicode escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("Illegal character in unicode escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    func makeString(_ range: Range<Int>) throws(JSONParseError) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        // ASCII is always valid; otherwise validate so that bad UTF-8 is refused, not replaced.
        var ascii = true
        for b in slice where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: slice, as: UTF8.self) }
        guard let s = String(validating: slice, as: UTF8.self) else { throw error("Invalid UTF-8 in string") }
        return s
    }
}
