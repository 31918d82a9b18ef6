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
        guard let byte = name.utf8.first else { return name }
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
            // The common case (every member name of the AWS APIs): one byte changes. Rebuilding
            // the name scalar by scalar cost ~4,500 instructions per name (callgrind).
            var bytes = Array(name.utf8)
            bytes[0] = byte + 32
            return String(decoding: bytes, as: UTF8.self)
        }
        guard byte >= 0x80, let first = name.unicodeScalars.first, first.properties.isUppercase else { return name }
        return String(first).lowercased() + String(Substring(name.unicodeScalars.dropFirst()))
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
