/// A long-term access key of an account root or an IAM user.
public struct AccessKey: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        case active = "Active"
        case inactive = "Inactive"
    }

    public var id: String
    public var secret: String
    public var status: Status
    /// Seconds since the epoch, simulated clock.
    public var createDate: Double

    public init(id: String, secret: String, status: Status = .active, createDate: Double) {
        self.id = id
        self.secret = secret
        self.status = status
        self.createDate = createDate
    }
}
