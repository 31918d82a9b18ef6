import DynamoModel

/// Timestamps as IAM and STS print them: `2024-05-01T12:00:00Z`.
public enum ISO8601Format {
    public static func string(_ epochSeconds: Double) -> String {
        ISO8601.string(fromEpoch: epochSeconds.rounded(.down), fractional: false)
    }
}
