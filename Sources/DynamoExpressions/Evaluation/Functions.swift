import DynamoModel

/// The condition functions, applied to values already looked up (nil = attribute missing).
enum Functions {
    static let attributeTypes: Set<String> = ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"]
    /// The list as DynamoDB prints it in "Invalid attribute type name found".
    static let attributeTypesText = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"

    static func beginsWith(_ value: AttributeValue?, _ prefix: AttributeValue?) -> Bool {
        switch (value, prefix) {
        case let (.s(s)?, .s(p)?): return s.utf8.starts(with: p.utf8)
        case let (.b(b)?, .b(p)?): return b.starts(with: p)
        default: return false
        }
    }

    /// `contains`: substring of a string, subsequence of a binary, member of a set of the
    /// operand's type, or element of a list.
    static func contains(_ container: AttributeValue?, _ element: AttributeValue?) -> Bool {
        guard let container, let element else { return false }
        switch (container, element) {
        case let (.s(s), .s(sub)): return containsBytes(Array(s.utf8), Array(sub.utf8))
        case let (.b(b), .b(sub)): return containsBytes(b, sub)
        case let (.ss(set), .s(e)): return set.contains { $0.utf8.elementsEqual(e.utf8) }
        case let (.ns(set), .n(e)): return set.contains(e)
        case let (.bs(set), .b(e)): return set.contains(e)
        case let (.l(list), e): return list.contains { Comparison.equal($0, e) }
        default: return false
        }
    }

    static func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// `size`: string length in UTF-8 bytes, binary length, number of elements of a set,
    /// list or map; nil (no value) for numbers, booleans and nulls.
    static func size(_ value: AttributeValue?) -> AttributeValue? {
        guard let value else { return nil }
        let count: Int
        switch value {
        case .s(let s): count = s.utf8.count
        case .b(let b): count = b.count
        case .ss(let x): count = x.count
        case .ns(let x): count = x.count
        case .bs(let x): count = x.count
        case .l(let x): count = x.count
        case .m(let x): count = x.count
        case .n, .bool, .null: return nil
        }
        return .n(DynamoNumber(count))
    }
}
