// Numeric condition operators: NumericEquals, NumericNotEquals, NumericLessThan,
// NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals.
//
// Condition operators — Numeric: "restrict access based on comparing a key to an
// integer or decimal value". Policy variables are not allowed here. A value that is not
// a decimal number (on either side) is a type error: the condition does not hold.

enum NumericConditions {
    /// Reads `[+-]digits[.digits][(e|E)[+-]digits]`; anything else (hex, "inf", spaces)
    /// is not a number.
    static func parse(_ text: String) -> Double? {
        var sawDigit = false
        var state = 0  // 0 sign/int, 1 fraction, 2 exponent sign, 3 exponent digits
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if state == 2 { state = 3 }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if index == 0 { continue }
                if state == 2 { state = 3; sawDigit = false; continue }
                return nil
            case UInt8(ascii: "."):
                guard state == 0, sawDigit else { return nil }
                state = 1
                sawDigit = false
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard state <= 1, sawDigit else { return nil }
                state = 2
                sawDigit = false
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        return Double(text)
    }

    /// `op` is the positive operator.
    static func matches(
        _ requestValue: String, _ policyValues: [CompiledConditionValue], _ op: ConditionOperator
    ) -> Result<Bool, Condition.TypeProblem> {
        guard let actual = parse(requestValue) else {
            return .failure(.init(reason: "request value \"\(requestValue)\" is not a number"))
        }
        var matched = false
        for value in policyValues {
            guard case .number(let expected) = value else { continue }
            guard let expected else {
                return .failure(.init(reason: "a policy value is not a number"))
            }
            if compare(actual, expected, op) { matched = true }
        }
        return .success(matched)
    }

    static func compare(_ actual: Double, _ expected: Double, _ op: ConditionOperator) -> Bool {
        switch op {
        case .numericEquals: return actual == expected
        case .numericLessThan: return actual < expected
        case .numericLessThanEquals: return actual <= expected
        case .numericGreaterThan: return actual > expected
        case .numericGreaterThanEquals: return actual >= expected
        default: return false
        }
    }
}
