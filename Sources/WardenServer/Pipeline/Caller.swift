import Identity

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
    /// The identity behind the credentials (from Identity): unique id, role and session
    /// names, and — when `principal.sessionAccessKeyId` is set — the STS session, whose tags,
    /// session policies, source identity and web-identity claims
    /// `IdentityDirectory.policySet(for:)` returns.
    public var principal: Principal

    public init(principal: Principal, accessKeyId: String, region: String) {
        self.principal = principal
        switch principal.kind {
        case .root: kind = .root
        case .user: kind = .iamUser
        case .assumedRole: kind = .assumedRole
        }
        accountId = principal.accountId
        arn = principal.arn
        self.accessKeyId = accessKeyId
        self.region = region
        userName = principal.userName
    }

    public var isRoot: Bool { kind == .root }
    /// GetCallerIdentity's UserId.
    public var userId: String { principal.userId }
    public var roleName: String? { principal.roleName }
    public var roleArn: String? { principal.roleArn }
    public var sessionName: String? { principal.sessionName }
    /// True for temporary (STS) credentials.
    public var isTemporary: Bool { principal.isTemporary }
}
