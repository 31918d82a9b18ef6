import WardenSupport
/// IAM's and STS's parameter validation, collected the way AWS reports it:
/// "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint:
/// Member must satisfy regular expression pattern: [\w+=,.@-]+" — several violations are
/// joined with "; " under "N validation errors detected: ".
public struct Validator: Sendable {
    public private(set) var errors: [String] = []

    public init() {}

    /// Character classes of the APIs' patterns (Java regular expressions, where `\w` is
    /// ASCII letters, digits and underscore).
    public enum Pattern: String, Sendable {
        /// User, group, role, policy and session names.
        case name = "[\\w+=,.@-]+"
        case sessionName = "[\\w+=,.@-]*"
        case path = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"
        case policyPath = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"
        case pathPrefix = "\\u002F[\\u0021-\\u007F]*"
        case policyDocument = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"
        case tagKey = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"
        case tagValue = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"
        case accessKeyId = "[\\w]+"
        case externalId = "[\\w+=,.@:\\/-]*"
        case policyVersionId = "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"
        case roleDescription = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"

        public func matches(_ value: String) -> Bool {
            let scalars = Array(value.unicodeScalars)
            func isWord(_ c: Unicode.Scalar) -> Bool {
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
            }
            switch self {
            case .name, .sessionName:
                if self == .name && scalars.isEmpty { return false }
                return scalars.allSatisfy { isWord($0) || "+=,.@-".unicodeScalars.contains($0) }
            case .path:
                if value == "/" { return true }
                return scalars.count >= 3 && scalars.first == "/" && scalars.last == "/"
                    && scalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E }
            case .policyPath:
                guard scalars.last == "/", scalars.first == "/" else { return false }
                let segments = value.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false)
                if value == "/" { return true }
                return segments.allSatisfy { seg in
                    !seg.isEmpty && seg.unicodeScalars.allSatisfy { isWord($0) || ".,+@=-".unicodeScalars.contains($0) }
                }
            case .pathPrefix:
                return scalars.first == "/" && scalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7F }
            case .policyDocument:
                return !scalars.isEmpty && scalars.allSatisfy { $0.value == 9 || $0.value == 10 || $0.value == 13 || ($0.value >= 0x20 && $0.value <= 0xFF) }
            case .tagKey, .tagValue:
                if self == .tagKey && scalars.isEmpty { return false }
                return scalars.allSatisfy { c in
                    let p = c.properties
                    return p.isAlphabetic || p.generalCategory == .spaceSeparator || p.generalCategory == .lineSeparator
                        || p.generalCategory == .paragraphSeparator || p.numericType != nil || "_.:/=+-@".unicodeScalars.contains(c)
                }
            case .accessKeyId:
                return !scalars.isEmpty && scalars.allSatisfy(isWord)
            case .externalId:
                return scalars.allSatisfy { isWord($0) || "+=,.@:/-".unicodeScalars.contains($0) }
            case .policyVersionId:
                guard scalars.first == "v", scalars.count >= 2, let first = scalars.dropFirst().first, first >= "1" && first <= "9" else { return false }
                var rest = value.dropFirst(2)
                while let c = rest.first, c.isASCII, c.isNumber { rest = rest.dropFirst() }
                if rest.isEmpty { return true }
                guard rest.first == "." else { return false }
                return rest.dropFirst().unicodeScalars.allSatisfy { isWord($0) && $0 != "_" || $0 == "-" }
            case .roleDescription:
                return scalars.allSatisfy { $0.value == 9 || $0.value == 10 || $0.value == 13 || ($0.value >= 0x20 && $0.value <= 0x7E) || ($0.value >= 0xA1 && $0.value <= 0xFF) }
            }
        }
    }

    public mutating func fail(_ value: String?, _ member: String, _ constraint: String) {
        let shown = value.map { "'\($0)'" } ?? "null"
        errors.append("Value \(shown) at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// A required member must be present.
    public mutating func required(_ value: String?, _ member: String) {
        if value == nil { fail(nil, member, "Member must not be null") }
    }

    /// Length and pattern of a string member (absent members pass).
    public mutating func string(_ value: String?, _ member: String, min: Int? = nil, max: Int? = nil, pattern: Pattern? = nil) {
        guard let value else { return }
        let length = value.unicodeScalars.count
        if let min, length < min {
            fail(value, member, "Member must have length greater than or equal to \(min)")
        } else if let max, length > max {
            fail(value, member, "Member must have length less than or equal to \(max)")
        }
        if let pattern, !pattern.matches(value), !(value.isEmpty && (min ?? 0) > 0) {
            fail(value, member, "Member must satisfy regular expression pattern: \(pattern.rawValue)")
        }
    }

    public mutating func integer(_ value: Int?, _ member: String, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        if let min, value < min {
            fail(String(value), member, "Member must have value greater than or equal to \(min)")
        } else if let max, value > max {
            fail(String(value), member, "Member must have value less than or equal to \(max)")
        }
    }

    public mutating func oneOf(_ value: String?, _ member: String, _ allowed: [String]) {
        guard let value, !allowed.contains(value) else { return }
        fail(value, member, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
    }

    /// Tags: at most 50, keys 1..128 and values 0..256 of the tag character set.
    public mutating func tags(_ tags: [Tag]?, _ member: String = "tags") {
        guard let tags else { return }
        if tags.count > 50 {
            fail(tagListText(tags), member, "Member must have length less than or equal to 50")
        }
        for (index, tag) in tags.enumerated() {
            string(tag.key, "\(member).\(index + 1).member.key", min: 1, max: 128, pattern: .tagKey)
            string(tag.value, "\(member).\(index + 1).member.value", min: 0, max: 256, pattern: .tagValue)
        }
    }

    public mutating func tagKeys(_ keys: [String]?, _ member: String = "tagKeys") {
        guard let keys else { return }
        if keys.count > 50 { fail("[" + keys.joined(separator: ", ") + "]", member, "Member must have length less than or equal to 50") }
        for (index, key) in keys.enumerated() {
            string(key, "\(member).\(index + 1).member", min: 1, max: 128, pattern: .tagKey)
        }
    }

    func tagListText(_ tags: [Tag]) -> String {
        "[" + tags.map { "Tag(Key=\($0.key), Value=\($0.value))" }.joined(separator: ", ") + "]"
    }

    /// Throws the collected violations as one ValidationError.
    public func check() throws(IdentityError) {
        guard !errors.isEmpty else { return }
        let head = errors.count == 1 ? "1 validation error detected: " : "\(errors.count) validation errors detected: "
        throw .validation(head + errors.joined(separator: "; "))
    }
}

/// Request-level tag rules IAM applies after the member constraints.
public enum TagRules {
    /// "Duplicate tag keys found. Please note that Tag keys are case insensitive."
    public static func checkDuplicates(_ tags: [Tag]) throws(IdentityError) {
        var seen = Set<String>()
        for tag in tags where !seen.insert(tag.key.lowercased()).inserted {
            throw .invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
        }
    }

    /// At most 50 tags on one entity after the change.
    public static func checkLimit(existing: [Tag], adding: [Tag]) throws(IdentityError) {
        var merged = existing
        merged.merge(adding)
        if merged.count > 50 {
            throw .limitExceeded("The number of tags has reached the maximum limit.")
        }
    }
}
