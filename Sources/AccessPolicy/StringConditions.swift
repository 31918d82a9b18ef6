// String condition operators: StringEquals, StringNotEquals, StringEqualsIgnoreCase,
// StringNotEqualsIgnoreCase, StringLike, StringNotLike.
//
// Condition operators — String: "StringEquals: Exact matching, case sensitive";
// "StringLike: Case-sensitive matching. The values can include multi-character match
// wildcards (*) and single-character match wildcards (?) anywhere in the string".
// Negated operators are evaluated by `Condition` as the negation of the positive form.

enum StringConditions {
    static func compile(_ text: String, _ op: ConditionOperator) -> CompiledConditionValue {
        switch op.positive {
        case .stringLike: return .glob(WildcardPattern(glob: text))
        case .stringEqualsIgnoreCase: return .exact(text.lowercased())
        default: return .exact(text)
        }
    }

    /// `op` is the positive operator (StringEquals, StringEqualsIgnoreCase, StringLike).
    static func matches(
        _ requestValue: String, _ policyValues: [CompiledConditionValue], _ op: ConditionOperator,
        _ lookup: ContextLookup, _ missing: inout [String]
    ) -> Bool {
        let ignoreCase = op == .stringEqualsIgnoreCase
        let candidate = ignoreCase ? requestValue.lowercased() : requestValue
        for value in policyValues {
            switch value {
            case .exact(let text):
                if sameBytes(candidate, text) { return true }
            case .glob(let pattern):
                if pattern.matches(candidate) { return true }
            case .template(let template):
                if op == .stringLike {
                    if let pattern = template.resolvedPattern(lookup, unresolved: &missing),
                       pattern.matches(candidate) {
                        return true
                    }
                } else if let text = template.resolvedText(lookup, unresolved: &missing) {
                    if sameBytes(candidate, ignoreCase ? text.lowercased() : text) { return true }
                }
            default:
                continue
            }
        }
        return false
    }

    /// Exact comparison of the UTF-8 bytes (no Unicode normalisation, as IAM compares).
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }
}
