/// Who is calling, as established by authentication: the principal and the request's region.
public struct Caller: Sendable {
    public enum Kind: String, Sendable {
        case root = "Root"
        case iamUser = "IAMUser"
        case assumedRole = "AssumedRole"
        case webIdentity = "WebIdentityUser"
        case service = "AWSService"
    }

    public var kind: Kind
    public var accountId: String
    public var arn: String
    public var accessKeyId: String
    /// The region named by the request's credential scope.
    public var region: String
    public var userName: String?

    public var isRoot: Bool { kind == .root }
}
