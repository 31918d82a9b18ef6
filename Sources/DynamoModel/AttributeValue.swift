/// One DynamoDB attribute value. Sets keep the order they arrived in but compare as sets.
public enum AttributeValue: Sendable {
    case s(String)
    case n(DynamoNumber)
    case b([UInt8])
    case ss([String])
    case ns([DynamoNumber])
    case bs([[UInt8]])
    case m([AttributeName: AttributeValue])
    case l([AttributeValue])
    case null
    case bool(Bool)

    /// The wire type tag: "S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL".
    public var typeTag: String {
        switch self {
        case .s: return "S"
        case .n: return "N"
        case .b: return "B"
        case .ss: return "SS"
        case .ns: return "NS"
        case .bs: return "BS"
        case .m: return "M"
        case .l: return "L"
        case .null: return "NULL"
        case .bool: return "BOOL"
        }
    }

    public var isSet: Bool {
        switch self {
        case .ss, .ns, .bs: return true
        default: return false
        }
    }
}

extension AttributeValue: Equatable {
    public static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        // Strings are equal when their UTF-8 bytes are (DynamoDB's rule), not by canonical equivalence.
        case let (.s(a), .s(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.n(a), .n(b)): return a == b
        case let (.b(a), .b(b)): return a == b
        case let (.ss(a), .ss(b)): return a.count == b.count && Set(a.map { Array($0.utf8) }) == Set(b.map { Array($0.utf8) })
        case let (.ns(a), .ns(b)): return a.count == b.count && Set(a) == Set(b)
        case let (.bs(a), .bs(b)): return a.count == b.count && Set(a) == Set(b)
        case let (.m(a), .m(b)): return a == b
        case let (.l(a), .l(b)): return a == b
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        default: return false
        }
    }
}

/// An item: attribute name → value.
public typealias Item = [AttributeName: AttributeValue]
