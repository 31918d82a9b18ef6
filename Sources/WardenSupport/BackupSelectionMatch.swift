/// Whether an AWS Backup selection (`BackupSelection`, as CreateBackupSelection takes it and
/// GetBackupSelection returns it) assigns a resource to its plan. One rule, used by the Backup
/// API (which resources a plan protects) and by `warden audit` (DynamoDB.4).
///
/// As "Assigning resources programmatically" (https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html)
/// and API_BackupSelection describe it: a resource is selected when it matches any ARN of
/// `Resources` (wildcards `*`) or any `ListOfTags` condition (OR); it must then satisfy every
/// condition of `Conditions` (AND: StringEquals, StringNotEquals, StringLike, StringNotLike on
/// `aws:ResourceTag/KEY`), and match no ARN of `NotResources`. A selection with `Conditions`
/// only selects every resource that satisfies them.
public enum BackupSelectionMatch {
    public static func covers(_ selection: JSONValue, arn: String, tags: [String: String]) -> Bool {
        let resources = (selection["Resources"]?.arrayValue ?? []).compactMap(\.stringValue)
        let listOfTags = selection["ListOfTags"]?.arrayValue ?? []
        let conditions = selection["Conditions"]
        var chosen = resources.contains { glob($0, arn) }
        if !chosen {
            chosen = listOfTags.contains { c in
                guard let key = c["ConditionKey"]?.stringValue, let value = c["ConditionValue"]?.stringValue else { return false }
                return tags[tagKey(key)] == value
            }
        }
        if !chosen && resources.isEmpty && listOfTags.isEmpty {
            chosen = conditions.map(hasConditions) ?? false
        }
        guard chosen else { return false }
        if let conditions {
            for (op, list) in conditions.objectValue ?? [] {
                for c in list.arrayValue ?? [] {
                    guard let key = c["ConditionKey"]?.stringValue, let value = c["ConditionValue"]?.stringValue else { continue }
                    let actual = tags[tagKey(key)]
                    let ok: Bool
                    switch op {
                    case "StringEquals": ok = actual == value
                    case "StringNotEquals": ok = actual != value
                    case "StringLike": ok = actual.map { glob(value, $0) } ?? false
                    case "StringNotLike": ok = !(actual.map { glob(value, $0) } ?? false)
                    default: ok = false
                    }
                    if !ok { return false }
                }
            }
        }
        let excluded = (selection["NotResources"]?.arrayValue ?? []).compactMap(\.stringValue)
        return !excluded.contains { glob($0, arn) }
    }

    static func hasConditions(_ conditions: JSONValue) -> Bool {
        (conditions.objectValue ?? []).contains { !($0.1.arrayValue ?? []).isEmpty }
    }

    /// `aws:ResourceTag/Department` and `Department` both name the tag `Department`.
    static func tagKey(_ key: String) -> String {
        key.hasPrefix("aws:ResourceTag/") ? String(key.dropFirst("aws:ResourceTag/".count)) : key
    }

    /// `*` matches any run of characters (including none); everything else matches itself.
    public static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && p[pi] != UInt8(ascii: "*") && p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
