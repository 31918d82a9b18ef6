/// A key's tag (`TagKey`/`TagValue`).
public struct KMSTag: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
