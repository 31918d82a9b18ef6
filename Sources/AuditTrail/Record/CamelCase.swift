import DynamoModel

/// CloudTrail writes API parameters with their first letter lowered (`TableName` →
/// `tableName`, `SSESpecification` → `sSESpecification`). Members whose keys are the caller's
/// own names (attribute names, table names in `RequestItems`, tag keys) keep their spelling.
public enum CamelCase {
    /// Members whose object keys are data, not API member names.
    static let verbatimKeys: Set<String> = [
        "ExpressionAttributeNames", "RequestItems", "Responses", "UnprocessedItems", "UnprocessedKeys",
        "ItemCollectionMetrics", "Key", "Item", "ExclusiveStartKey", "LastEvaluatedKey", "Attributes",
    ]

    /// `Tags.member.1.Key` → `tags.member.1.key`: each dotted part lowered.
    public static func lower(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { lowerFirst(String($0)) }.joined(separator: ".")
    }

    public static func lowerFirst(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, first.properties.isUppercase else { return name }
        return String(first).lowercased() + name.unicodeScalars.dropFirst().map(String.init).joined()
    }

    /// The value with every member name lowered, except inside `verbatimKeys` members.
    /// Numbers named `…DateTime` (epoch seconds) become CloudTrail's `May 1, 2015 7:24:55 AM`;
    /// one that is no calendar time (`1e19`, `1e999`) stays the number the caller sent.
    static func convert(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { name, member in
                if verbatimKeys.contains(name) { return (lowerFirst(name), member) }
                if name.hasSuffix("DateTime"), case .number(let text) = member, let epoch = Double(text),
                   UTCTime.isRepresentable(epoch) {
                    return (lowerFirst(name), .string(UTCTime(epoch: epoch).javaMedium))
                }
                return (lowerFirst(name), convert(member))
            })
        case .array(let elements):
            return .array(elements.map(convert))
        default:
            return value
        }
    }
}
