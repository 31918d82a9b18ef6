import WardenSupport

// Tags on users, roles, policies and sessions (`Tag` itself is WardenSupport's). Keys are
// unique case-insensitively.

extension Array where Element == Tag {
    /// Adds or replaces tags (a key matches case-insensitively; the new spelling wins),
    /// keeping the original order for keys already present.
    mutating func merge(_ tags: [Tag]) {
        for tag in tags {
            if let index = firstIndex(where: { $0.key.lowercased() == tag.key.lowercased() }) {
                self[index] = tag
            } else {
                append(tag)
            }
        }
    }

    mutating func remove(keys: [String]) {
        let lowered = Set(keys.map { $0.lowercased() })
        removeAll { lowered.contains($0.key.lowercased()) }
    }
}

/// An inline policy embedded in a user, group or role: its name and the document exactly
/// as it was put (IAM returns it unchanged, URL-encoded).
public struct InlinePolicy: Codable, Sendable, Hashable {
    public var name: String
    public var document: String

    public init(name: String, document: String) {
        self.name = name
        self.document = document
    }
}

extension Array where Element == InlinePolicy {
    func named(_ name: String) -> InlinePolicy? {
        first { $0.name == name }
    }

    mutating func put(_ policy: InlinePolicy) {
        if let index = firstIndex(where: { $0.name == policy.name }) {
            self[index] = policy
        } else {
            append(policy)
        }
    }
}
