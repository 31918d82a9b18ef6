/// DynamoDB's Number: a decimal with up to 38 significant digits and a magnitude between
/// 1E-130 and 9.99…E+125 (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
///
/// Stored normalized: value = 0.d₁d₂…dₙ × 10^exponent with d₁ ≠ 0 and dₙ ≠ 0, so two numbers are
/// equal exactly when their representations are. Zero has no digits.
public struct DynamoNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let negative: Bool
    /// Significant digits, each 0…9, without leading or trailing zeros.
    public let digits: [UInt8]
    public let exponent: Int

    public static let maxDigits = 38
    /// 0.1 × 10^126 = 1E+125 is the largest power of ten allowed; 0.1 × 10^-129 = 1E-130 the smallest.
    static let maxExponent = 126
    static let minExponent = -129

    public static let zero = DynamoNumber(negative: false, digits: [], exponent: 0)

    public var isZero: Bool { digits.isEmpty }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    public enum Failure: Error, Sendable, Equatable {
        case notANumber
        case overflow
        case underflow
        case tooManyDigits

        /// AWS's ValidationException text for this failure (`text` is the offending input).
        public func message(for text: String) -> String {
            switch self {
            case .notANumber:
                return text.isEmpty
                    ? "The parameter cannot be converted to a numeric value"
                    : "The parameter cannot be converted to a numeric value: \(text)"
            case .overflow: return "Number overflow. Attempting to store a number with magnitude larger than supported range"
            case .underflow: return "Number underflow. Attempting to store a number with magnitude smaller than supported range"
            case .tooManyDigits: return "Attempting to store more than 38 significant digits in a Number"
            }
        }
    }

    /// Parses DynamoDB's number syntax: optional sign, digits with an optional point (or a
    /// leading point), optional exponent. No spaces, no NaN/Infinity.
    public static func parse(_ text: String) -> Result<DynamoNumber, Failure> {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { parse(bytes: UnsafeBufferPointer($0)) }
    }

    static func parse(bytes s: UnsafeBufferPointer<UInt8>) -> Result<DynamoNumber, Failure> {
        var i = 0
        var negative = false
        if i < s.count, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
            negative = s[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: [UInt8] = []
        mantissa.reserveCapacity(s.count)
        var intDigits = 0
        var sawDigit = false
        while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
            mantissa.append(s[i] - 0x30); intDigits += 1; sawDigit = true; i += 1
        }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
                mantissa.append(s[i] - 0x30); sawDigit = true; i += 1
            }
        }
        guard sawDigit else { return .failure(.notANumber) }
        var exp = 0
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < s.count, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
                expNegative = s[i] == UInt8(ascii: "-")
                i += 1
            }
            var sawExpDigit = false
            while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
                if exp < 100_000_000 { exp = exp * 10 + Int(s[i] - 0x30) }
                sawExpDigit = true
                i += 1
            }
            guard sawExpDigit else { return .failure(.notANumber) }
            if expNegative { exp = -exp }
        }
        guard i == s.count else { return .failure(.notANumber) }
        return normalize(negative: negative, mantissa: mantissa, pointPosition: intDigits + exp)
    }

    /// value = 0.mantissa × 10^pointPosition, with leading/trailing zeros not yet stripped.
    static func normalize(negative: Bool, mantissa: [UInt8], pointPosition: Int) -> Result<DynamoNumber, Failure> {
        guard let first = mantissa.firstIndex(where: { $0 != 0 }) else { return .success(.zero) }
        let last = mantissa.lastIndex(where: { $0 != 0 })!
        let digits = Array(mantissa[first...last])
        let exponent = pointPosition - first
        if exponent > maxExponent { return .failure(.overflow) }
        if exponent < minExponent { return .failure(.underflow) }
        if digits.count > maxDigits { return .failure(.tooManyDigits) }
        return .success(DynamoNumber(negative: negative, digits: digits, exponent: exponent))
    }

    /// Exact integer construction (for counters, TTL and capacity figures).
    public init(_ value: Int) {
        let text = String(value)
        guard case .success(let n) = DynamoNumber.parse(text) else { fatalError("unreachable") }
        self = n
    }

    /// The text AWS returns: plain decimal notation, no exponent, no superfluous zeros.
    public var description: String {
        if digits.isEmpty { return "0" }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + max(0, abs(exponent)) + 3)
        if negative { out.append(UInt8(ascii: "-")) }
        if exponent <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            for _ in 0..<(-exponent) { out.append(UInt8(ascii: "0")) }
            for d in digits { out.append(d + 0x30) }
        } else if exponent < digits.count {
            for d in digits[0..<exponent] { out.append(d + 0x30) }
            out.append(UInt8(ascii: "."))
            for d in digits[exponent...] { out.append(d + 0x30) }
        } else {
            for d in digits { out.append(d + 0x30) }
            for _ in 0..<(exponent - digits.count) { out.append(UInt8(ascii: "0")) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Approximate Double value (for TTL and other places where exactness is not needed).
    public var doubleValue: Double { Double(description) ?? 0 }

    /// The exact integer value when it fits in Int64 and has no fraction.
    public var int64Value: Int64? {
        if digits.isEmpty { return 0 }
        guard exponent >= digits.count, exponent <= 19 else { return nil }
        return Int64(description)
    }

    public static func < (a: DynamoNumber, b: DynamoNumber) -> Bool {
        compare(a, b) < 0
    }

    /// -1, 0 or 1.
    public static func compare(_ a: DynamoNumber, _ b: DynamoNumber) -> Int {
        let sa = a.isZero ? 0 : (a.negative ? -1 : 1)
        let sb = b.isZero ? 0 : (b.negative ? -1 : 1)
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let magnitude = compareMagnitude(a, b)
        return sa > 0 ? magnitude : -magnitude
    }

    static func compareMagnitude(_ a: DynamoNumber, _ b: DynamoNumber) -> Int {
        if a.exponent != b.exponent { return a.exponent < b.exponent ? -1 : 1 }
        let n = min(a.digits.count, b.digits.count)
        for i in 0..<n where a.digits[i] != b.digits[i] {
            return a.digits[i] < b.digits[i] ? -1 : 1
        }
        if a.digits.count == b.digits.count { return 0 }
        return a.digits.count < b.digits.count ? -1 : 1
    }

    public var negated: DynamoNumber {
        isZero ? self : DynamoNumber(negative: !negative, digits: digits, exponent: exponent)
    }

    /// Exact sum. A result that needs more than 38 digits or leaves the range fails, as in AWS
    /// (which reports both as "Number overflow").
    public func adding(_ other: DynamoNumber) -> Result<DynamoNumber, Failure> {
        if other.isZero { return .success(self) }
        if isZero { return .success(other) }
        // Align both on the smallest power of ten either uses.
        let low = min(exponent - digits.count, other.exponent - other.digits.count)
        let high = max(exponent, other.exponent) + 1
        let width = high - low
        func spread(_ n: DynamoNumber) -> [Int8] {
            var out = [Int8](repeating: 0, count: width)
            // digit i has power exponent-1-i; index from the most significant end of `out`
            for (i, d) in n.digits.enumerated() {
                let power = n.exponent - 1 - i
                out[high - 1 - power] = Int8(d)
            }
            return out
        }
        let x = spread(self), y = spread(other)
        var result = [Int8](repeating: 0, count: width)
        var resultNegative: Bool
        if negative == other.negative {
            var carry: Int8 = 0
            for i in stride(from: width - 1, through: 0, by: -1) {
                let s = x[i] + y[i] + carry
                result[i] = s % 10
                carry = s / 10
            }
            resultNegative = negative
        } else {
            // Subtract the smaller magnitude from the larger.
            let cmp = DynamoNumber.compareMagnitude(self, other)
            if cmp == 0 { return .success(.zero) }
            let (big, small) = cmp > 0 ? (x, y) : (y, x)
            resultNegative = cmp > 0 ? negative : other.negative
            var borrow: Int8 = 0
            for i in stride(from: width - 1, through: 0, by: -1) {
                var d = big[i] - small[i] - borrow
                if d < 0 { d += 10; borrow = 1 } else { borrow = 0 }
                result[i] = d
            }
        }
        let normalized = DynamoNumber.normalize(negative: resultNegative, mantissa: result.map { UInt8($0) }, pointPosition: high)
        if case .failure(.tooManyDigits) = normalized { return .failure(.overflow) }
        return normalized
    }

    public func subtracting(_ other: DynamoNumber) -> Result<DynamoNumber, Failure> {
        adding(other.negated)
    }
}
