import DynamoModel

/// DynamoDB's comparison rules. Strings compare by their UTF-8 bytes (not by Unicode
/// canonical equivalence, as Swift's `==` on String would), binaries by unsigned bytes,
/// numbers exactly; sets compare as sets; values of different types are never equal and
/// never ordered.
enum Comparison {
    static func equal(_ a: AttributeValue, _ b: AttributeValue) -> Bool {
        switch (a, b) {
        case let (.s(x), .s(y)): return x.utf8.elementsEqual(y.utf8)
        case let (.n(x), .n(y)): return x == y
        case let (.b(x), .b(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        case let (.ss(x), .ss(y)):
            return x.count == y.count && Set(x.map { Array($0.utf8) }) == Set(y.map { Array($0.utf8) })
        case let (.ns(x), .ns(y)): return x.count == y.count && Set(x) == Set(y)
        case let (.bs(x), .bs(y)): return x.count == y.count && Set(x) == Set(y)
        case let (.l(x), .l(y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (.m(x), .m(y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], equal(value, other) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// -1, 0 or 1 for two values of the same scalar type (S, N or B); nil otherwise.
    static func order(_ a: AttributeValue, _ b: AttributeValue) -> Int? {
        switch (a, b) {
        case let (.n(x), .n(y)): return DynamoNumber.compare(x, y)
        case let (.s(x), .s(y)): return compareBytes(x.utf8, y.utf8)
        case let (.b(x), .b(y)): return compareBytes(x, y)
        default: return nil
        }
    }

    static func compareBytes<A: Sequence, B: Sequence>(_ a: A, _ b: B) -> Int
    where A.Element == UInt8, B.Element == UInt8 {
        var ia = a.makeIterator(), ib = b.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?) where x != y: return x < y ? -1 : 1
            default: continue
            }
        }
    }

    static func isOrderable(_ value: AttributeValue) -> Bool {
        switch value {
        case .s, .n, .b: return true
        default: return false
        }
    }

    static func compare(_ op: CompareOperator, _ a: AttributeValue?, _ b: AttributeValue?) -> Bool {
        guard let a, let b else { return op == .notEqual }
        switch op {
        case .equal: return equal(a, b)
        case .notEqual: return !equal(a, b)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let o = order(a, b) else { return false }
            switch op {
            case .less: return o < 0
            case .lessOrEqual: return o <= 0
            case .greater: return o > 0
            default: return o >= 0
            }
        }
    }

    static func between(_ value: AttributeValue?, _ low: AttributeValue?, _ high: AttributeValue?) -> Bool {
        guard let value, let low, let high,
              let lower = order(value, low), let upper = order(value, high) else { return false }
        return lower >= 0 && upper <= 0
    }

    /// `AttributeValue: {N:10}` as DynamoDB prints a bound in its BETWEEN errors.
    static func describe(_ value: AttributeValue) -> String {
        switch value {
        case .s(let s): return "{S:\(s)}"
        case .n(let n): return "{N:\(n.description)}"
        case .b(let b): return "{B:\(Base64.encode(b))}"
        case .bool(let b): return "{BOOL:\(b)}"
        case .null: return "{NULL:true}"
        default: return "{\(value.typeTag):...}"
        }
    }
}
