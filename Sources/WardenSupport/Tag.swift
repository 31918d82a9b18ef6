/// A key-value tag, as DynamoDB tables and IAM users, roles, policies and sessions carry them.
public struct Tag: Codable, Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
