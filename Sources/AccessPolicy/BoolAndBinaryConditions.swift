// Bool, BinaryEquals and the values of Null.
//
// Condition operators — Boolean: "restrict access based on comparing a key to "true" or
// "false"" (policy variables are allowed). Binary: "compares the value of the specified
// key byte for byte against a base-64 encoded representation of the binary value in the
// policy" — request values are supplied as base-64 text too. Null: "true (the key doesn't
// exist — it is null) or false (the key exists and its value is not null)".

enum BoolConditions {
    /// "true"/"false" in any letter case; nil otherwise.
    static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    static func matches(
        _ requestValue: String, _ policyValues: [CompiledConditionValue],
        _ lookup: ContextLookup, _ missing: inout [String]
    ) -> Result<Bool, Condition.TypeProblem> {
        guard let actual = parse(requestValue) else {
            return .failure(.init(reason: "request value \"\(requestValue)\" is not true or false"))
        }
        var matched = false
        for value in policyValues {
            var expected: Bool?
            switch value {
            case .boolean(let parsed):
                guard let parsed else { return .failure(.init(reason: "a policy value is not true or false")) }
                expected = parsed
            case .template(let template):
                guard let text = template.resolvedText(lookup, unresolved: &missing) else { continue }
                expected = parse(text)
            default:
                continue
            }
            if expected == actual { matched = true }
        }
        return .success(matched)
    }
}

enum BinaryConditions {
    /// Strict base-64 (RFC 4648, with padding); nil if `text` is not base-64.
    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        var count = 0
        for byte in text.utf8 {
            count += 1
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            default:
                return nil
            }
            guard padding == 0 else { return nil }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        guard count % 4 == 0, padding <= 2 else { return nil }
        return out
    }

    static func matches(
        _ requestValue: String, _ policyValues: [CompiledConditionValue]
    ) -> Result<Bool, Condition.TypeProblem> {
        guard let actual = decode(requestValue) else {
            return .failure(.init(reason: "request value \"\(requestValue)\" is not base-64"))
        }
        var matched = false
        for value in policyValues {
            guard case .binary(let expected) = value else { continue }
            guard let expected else { return .failure(.init(reason: "a policy value is not base-64")) }
            if expected == actual { matched = true }
        }
        return .success(matched)
    }
}
