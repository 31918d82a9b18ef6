import DynamoModel

/// How large a record's fields may grow, as CloudTrail caps them
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html):
/// `userAgent`, `errorCode`, `errorMessage` and `requestID` are truncated at 1 KB;
/// `requestParameters` and `responseElements` over 100 KB, and `additionalEventData` over
/// 28 KB, are omitted — CloudTrail marks an omitted field with `"omitted": true`; Warden
/// adds `originalSize`, the byte count of what was left out. Warden also keeps at most 100
/// `resources` (no valid DynamoDB request names more tables) and 1 KB of `eventName`.
/// So no request, however large, makes a record much larger than 250 KB.
public enum RecordLimits {
    /// `requestParameters` and `responseElements`: 100 KB.
    public static let parametersBytes = 102_400
    /// `additionalEventData`: 28 KB.
    public static let additionalEventDataBytes = 28_672
    /// `userAgent`, `errorCode`, `errorMessage`, `requestID`, `eventName`: 1 KB.
    public static let fieldBytes = 1024
    /// `resources` entries kept.
    public static let maxResources = 100

    /// `text` cut to at most `limit` UTF-8 bytes, at a Unicode scalar boundary.
    public static func truncated(_ text: String, bytes limit: Int = fieldBytes) -> String {
        guard text.utf8.count > limit else { return text }
        var end = text.utf8.startIndex
        var used = 0
        for scalar in text.unicodeScalars {
            let width = scalar.utf8.count
            guard used + width <= limit else { break }
            used += width
            end = text.unicodeScalars.index(after: end)
        }
        return String(text.unicodeScalars[..<end])
    }

    /// The JSON text of a field, or CloudTrail's omission marker when it is over `limit`.
    public static func capped(_ json: [UInt8], limit: Int = parametersBytes) -> [UInt8] {
        guard json.count > limit else { return json }
        return omitted(originalSize: json.count)
    }

    /// `{"omitted":true,"originalSize":N}`.
    public static func omitted(originalSize: Int) -> [UInt8] {
        Array("{\"omitted\":true,\"originalSize\":\(originalSize)}".utf8)
    }
}
