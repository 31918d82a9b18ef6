/// Item size as DynamoDB computes it for the 400 KB limit and for capacity units
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
/// attribute names' UTF-8 length plus each value's size; strings by UTF-8 length, binaries by
/// byte length, numbers by about one byte per two significant digits plus one, booleans and
/// nulls one byte, lists and maps three bytes plus one byte per element plus their contents.
public enum ItemSize {
    public static let maxItemBytes = 400 * 1024

    public static func of(_ item: Item) -> Int {
        var total = 0
        for (name, value) in item { total += name.utf8.count + of(value) }
        return total
    }

    public static func of(_ value: AttributeValue) -> Int {
        switch value {
        case .s(let s): return s.utf8.count
        case .n(let n): return numberSize(n)
        case .b(let b): return b.count
        case .ss(let ss): return ss.reduce(0) { $0 + $1.utf8.count }
        case .ns(let ns): return ns.reduce(0) { $0 + numberSize($1) }
        case .bs(let bs): return bs.reduce(0) { $0 + $1.count }
        case .m(let m): return 3 + m.reduce(0) { $0 + 1 + $1.key.utf8.count + of($1.value) }
        case .l(let l): return 3 + l.reduce(0) { $0 + 1 + of($1) }
        case .null, .bool: return 1
        }
    }

    static func numberSize(_ n: DynamoNumber) -> Int {
        if n.isZero { return 1 }
        return (n.digits.count + 1) / 2 + 1 + (n.negative ? 1 : 0)
    }
}
