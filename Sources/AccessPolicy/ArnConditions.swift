// ARN condition operators: ArnEquals, ArnLike, ArnNotEquals, ArnNotLike.
//
// Condition operators — ARN: "Case-sensitive matching of the ARN. Each of the six
// colon-delimited components of the ARN is checked separately and each can include
// multi-character match wildcards (*) or single-character match wildcards (?). The
// ArnEquals and ArnLike condition operators behave identically." The documented
// example: `arn:aws:someservice:*:111122223333:finance/*` does not ArnLike-match
// `arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt`
// although StringLike would. A policy value that is not a six-part ARN (such as "*") is
// matched against the whole request value as a wildcard pattern.

enum ArnConditions {
    static func compile(_ text: String) -> CompiledConditionValue {
        guard let parts = ARNSegments.split(text) else {
            return .glob(WildcardPattern(glob: text))
        }
        return .arn(parts.map { WildcardPattern(glob: String($0)) })
    }

    static func matches(
        _ requestValue: String, _ policyValues: [CompiledConditionValue],
        _ lookup: ContextLookup, _ missing: inout [String]
    ) -> Bool {
        for value in policyValues {
            switch value {
            case .arn(let segments):
                if ARNSegments.matches(pattern: segments, value: requestValue) { return true }
            case .glob(let pattern):
                if pattern.matches(requestValue) { return true }
            case .template(let template):
                guard let pattern = template.resolvedPattern(lookup, unresolved: &missing) else { continue }
                if matchesResolved(pattern, requestValue) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// Matches a resolved pattern (variables substituted) component by component.
    private static func matchesResolved(_ pattern: WildcardPattern, _ requestValue: String) -> Bool {
        let colon = UInt16(UInt8(ascii: ":"))
        var segments: [WildcardPattern] = []
        var current: [UInt16] = []
        for unit in pattern.units {
            if unit == colon && segments.count < 5 {
                segments.append(WildcardPattern(units: current))
                current = []
            } else {
                current.append(unit)
            }
        }
        segments.append(WildcardPattern(units: current))
        guard segments.count == 6 else { return pattern.matches(requestValue) }
        return ARNSegments.matches(pattern: segments, value: requestValue)
    }
}
