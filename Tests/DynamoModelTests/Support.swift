import TestSupport
import Testing
@testable import DynamoModel

/// Parses a number that the test knows is valid.
func num(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> DynamoNumber {
    switch DynamoNumber.parse(text) {
    case .success(let n): return n
    case .failure(let f):
        Issue.record("\(text) did not parse: \(f)", sourceLocation: sourceLocation)
        return .zero
    }
}

/// The parse failure for `text`, or nil when it parses.
func parseFailure(_ text: String) -> DynamoNumber.Failure? {
    if case .failure(let f) = DynamoNumber.parse(text) { return f }
    return nil
}

/// The JSON parse error message for `text`, or nil when it parses.
func jsonError(_ text: String) -> String? {
    jsonError(bytes: Array(text.utf8))
}

func jsonError(bytes: [UInt8]) -> String? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error.message
    }
}

func parseJSON(_ text: String) -> JSONValue? {
    try? JSONParser.parse(text)
}

/// Decodes a wire attribute value, or returns the error.
func decodeValue(_ json: String) -> Result<AttributeValue, DynamoError> {
    do {
        let parsed = try JSONParser.parse(json)
        return .success(try AttributeValueCodec.decode(parsed))
    } catch let error as DynamoError {
        return .failure(error)
    } catch {
        return .failure(.internalFailure("JSON: \(error)"))
    }
}

func decodeItem(_ json: String) -> Result<Item, DynamoError> {
    do {
        let parsed = try JSONParser.parse(json)
        return .success(try AttributeValueCodec.decodeItem(parsed))
    } catch let error as DynamoError {
        return .failure(error)
    } catch {
        return .failure(.internalFailure("JSON: \(error)"))
    }
}

/// Decimal reference arithmetic on plain digit strings, independent of DynamoNumber:
/// a value is sign × integer(digits) × 10^scale.
struct RefDecimal {
    var negative: Bool
    var digits: String  // no sign, may have leading zeros
    var scale: Int

    /// Non-negative integer strings without leading zeros ("0" for zero).
    static func strip(_ s: String) -> String {
        let t = s.drop { $0 == "0" }
        return t.isEmpty ? "0" : String(t)
    }

    static func compareMagnitude(_ a: String, _ b: String) -> Int {
        let x = strip(a), y = strip(b)
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        if x == y { return 0 }
        return x < y ? -1 : 1
    }

    static func addMagnitude(_ a: String, _ b: String) -> String {
        let x = Array(a.utf8).reversed().map { Int($0) - 48 }, y = Array(b.utf8).reversed().map { Int($0) - 48 }
        var out: [Int] = []
        var carry = 0
        for i in 0..<max(x.count, y.count) {
            let s = (i < x.count ? x[i] : 0) + (i < y.count ? y[i] : 0) + carry
            out.append(s % 10)
            carry = s / 10
        }
        if carry > 0 { out.append(carry) }
        return strip(String(out.reversed().map { Character(String($0)) }))
    }

    /// a - b for a >= b.
    static func subtractMagnitude(_ a: String, _ b: String) -> String {
        let x = Array(a.utf8).reversed().map { Int($0) - 48 }, y = Array(b.utf8).reversed().map { Int($0) - 48 }
        var out: [Int] = []
        var borrow = 0
        for i in 0..<x.count {
            var d = x[i] - (i < y.count ? y[i] : 0) - borrow
            if d < 0 { d += 10; borrow = 1 } else { borrow = 0 }
            out.append(d)
        }
        return strip(String(out.reversed().map { Character(String($0)) }))
    }

    var isZero: Bool { RefDecimal.strip(digits) == "0" }

    /// Both values as integers at their common (smallest) scale.
    static func aligned(_ a: RefDecimal, _ b: RefDecimal) -> (String, String, Int) {
        let s = min(a.scale, b.scale)
        return (a.digits + String(repeating: "0", count: a.scale - s), b.digits + String(repeating: "0", count: b.scale - s), s)
    }

    static func compare(_ a: RefDecimal, _ b: RefDecimal) -> Int {
        let sa = a.isZero ? 0 : (a.negative ? -1 : 1)
        let sb = b.isZero ? 0 : (b.negative ? -1 : 1)
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let (x, y, _) = aligned(a, b)
        let m = compareMagnitude(x, y)
        return sa > 0 ? m : -m
    }

    static func sum(_ a: RefDecimal, _ b: RefDecimal) -> RefDecimal {
        let (x, y, s) = aligned(a, b)
        if a.negative == b.negative { return RefDecimal(negative: a.negative, digits: addMagnitude(x, y), scale: s) }
        let m = compareMagnitude(x, y)
        if m == 0 { return RefDecimal(negative: false, digits: "0", scale: 0) }
        return m > 0 ? RefDecimal(negative: a.negative, digits: subtractMagnitude(x, y), scale: s)
                     : RefDecimal(negative: b.negative, digits: subtractMagnitude(y, x), scale: s)
    }

    /// Significant digits (leading and trailing zeros removed).
    var significantDigits: Int {
        let t = RefDecimal.strip(digits)
        if t == "0" { return 0 }
        return t.count - t.reversed().prefix { $0 == "0" }.count
    }

    /// Scientific text DynamoNumber must accept, e.g. "-12345E-7".
    var text: String { (negative ? "-" : "") + digits + "E" + String(scale) }

    /// The plain-decimal text AWS returns for this value.
    var plain: String {
        var t = RefDecimal.strip(digits)
        if t == "0" { return "0" }
        var scale = self.scale
        while t.hasSuffix("0") { t.removeLast(); scale += 1 }
        var body: String
        if scale >= 0 {
            body = t + String(repeating: "0", count: scale)
        } else if -scale < t.count {
            body = String(t.dropLast(-scale)) + "." + String(t.suffix(-scale))
        } else {
            body = "0." + String(repeating: "0", count: -scale - t.count) + t
        }
        return (negative ? "-" : "") + body
    }

    /// A random decimal: 1…`maxDigits` digits (maybe with leading zeros), scale in `scales`.
    static func random(maxDigits: Int = 38, scales: ClosedRange<Int>, using g: inout SeededGenerator) -> RefDecimal {
        let count = Int.random(in: 1...maxDigits, using: &g)
        var d = ""
        for i in 0..<count {
            // Mostly non-zero leading digit; sometimes zeros to exercise normalization.
            let digit = (i == 0 && Int.random(in: 0..<4, using: &g) != 0) ? Int.random(in: 1...9, using: &g) : Int.random(in: 0...9, using: &g)
            d.append(Character(String(digit)))
        }
        if Int.random(in: 0..<20, using: &g) == 0 { d = "0" }
        return RefDecimal(negative: Bool.random(using: &g), digits: d, scale: Int.random(in: scales, using: &g))
    }
}
