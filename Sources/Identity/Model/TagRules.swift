import WardenSupport

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
