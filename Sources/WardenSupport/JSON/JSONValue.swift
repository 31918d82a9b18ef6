/// A parsed JSON document. Numbers keep their source text so that no precision is lost
/// (DynamoDB numbers travel as strings, but parameters such as `Limit` are JSON numbers).
/// Objects keep their members in order; the last of duplicate keys wins on lookup, as with
/// the JSON reader AWS's frontends use.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where x.0 != y.0 || x.1 != y.1 { return false }
            return true
        default: return false
        }
    }

    /// Member lookup on an object (last duplicate wins); nil for other kinds.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        var found: JSONValue?
        // Member names compare as bytes (a name is never equal to a canonically equivalent one).
        for (k, v) in members where k.utf8.elementsEqual(key.utf8) { found = v }
        return found
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [(String, JSONValue)]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The kind name used in AWS's serialization errors.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "list"
        case .object: return "structure"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    public static func int64(_ value: Int64) -> JSONValue { .number(String(value)) }

    /// Seconds since the epoch as AWS's JSON protocols write timestamps (e.g. 1700000000.123).
    /// Total for every Double: one too large for millisecond integers (or not finite, which
    /// JSON cannot carry) is written as 0 rather than trapping.
    public static func timestamp(_ seconds: Double) -> JSONValue {
        guard seconds.isFinite, seconds.magnitude < 9e15 else { return .number("0") }
        let millis = (seconds * 1000).rounded()
        let whole = Int64(millis / 1000)
        let frac = Int64(millis) - whole * 1000
        if frac == 0 { return .number(String(whole)) }
        var f = String(frac)
        while f.count < 3 { f = "0" + f }
        while f.hasSuffix("0") { f.removeLast() }
        return .number("\(whole).\(f)")
    }
}
