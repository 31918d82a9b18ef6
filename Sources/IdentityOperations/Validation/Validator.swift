import WardenSupport
import Identity

/// IAM's and STS's parameter validation, collected the way AWS reports it:
/// "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint:
/// Member must satisfy regular expression pattern: [\w+=,.@-]+" — several violations are
/// joined with "; " under "N validation errors detected: ".
package struct Validator: Sendable {
    package private(set) var errors: [String] = []

    package init() {}

    /// The members' patterns (shared with the config loader, in Identity).
    package typealias Pattern = IAMPattern

    package mutating func fail(_ value: String?, _ member: String, _ constraint: String) {
        let shown = value.map { "'\($0)'" } ?? "null"
        errors.append("Value \(shown) at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// A required member must be present.
    package mutating func required(_ value: String?, _ member: String) {
        if value == nil { fail(nil, member, "Member must not be null") }
    }

    /// Length and pattern of a string member (absent members pass).
    package mutating func string(_ value: String?, _ member: String, min: Int? = nil, max: Int? = nil, pattern: Pattern? = nil) {
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

    package mutating func integer(_ value: Int?, _ member: String, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        if let min, value < min {
            fail(String(value), member, "Member must have value greater than or equal to \(min)")
        } else if let max, value > max {
            fail(String(value), member, "Member must have value less than or equal to \(max)")
        }
    }

    package mutating func oneOf(_ value: String?, _ member: String, _ allowed: [String]) {
        guard let value, !allowed.contains(value) else { return }
        fail(value, member, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
    }

    /// Tags: at most 50, keys 1..128 and values 0..256 of the tag character set.
    package mutating func tags(_ tags: [Tag]?, _ member: String = "tags") {
        guard let tags else { return }
        if tags.count > 50 {
            fail(tagListText(tags), member, "Member must have length less than or equal to 50")
        }
        for (index, tag) in tags.enumerated() {
            string(tag.key, "\(member).\(index + 1).member.key", min: 1, max: 128, pattern: .tagKey)
            string(tag.value, "\(member).\(index + 1).member.value", min: 0, max: 256, pattern: .tagValue)
        }
    }

    package mutating func tagKeys(_ keys: [String]?, _ member: String = "tagKeys") {
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
    package func check() throws(IdentityError) {
        guard !errors.isEmpty else { return }
        let head = errors.count == 1 ? "1 validation error detected: " : "\(errors.count) validation errors detected: "
        throw .validation(head + errors.joined(separator: "; "))
    }
}
