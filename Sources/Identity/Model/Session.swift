import WardenSupport
/// Temporary credentials (ASIA… access key id, secret, session token) issued by STS, and
/// everything later authorization needs to know about the session.
public struct Session: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// AssumeRole: acts as `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
        case assumedRole
        /// AssumeRoleWithWebIdentity: an assumed-role session federated from a web identity.
        case webIdentity
        /// GetSessionToken: acts as the IAM user (or root) that asked for it.
        case sessionToken
    }

    public var accessKeyId: String
    public var secret: String
    public var token: String
    public var kind: Kind
    public var accountId: String
    /// Seconds since the epoch on the simulated clock.
    public var issued: Double
    public var expiration: Double

    // Assumed-role sessions.
    public var roleName: String?
    public var roleId: String?
    public var rolePath: String?
    public var sessionName: String?
    /// Session tags (from AssumeRole Tags, or inherited as transitive), in the order given.
    public var tags: [Tag] = []
    /// Keys of `tags` that pass on when this session assumes another role.
    public var transitiveTagKeys: [String] = []
    /// The inline session policy document, if one was passed.
    public var sessionPolicy: String?
    /// Managed policies passed as session policies (PolicyArns).
    public var sessionPolicyArns: [String] = []
    public var sourceIdentity: String?
    /// The ARN of the principal that created the session (for role chaining and audit).
    public var sourcePrincipalArn: String?
    /// True when the session was created from another role session (role chaining).
    public var chained: Bool = false

    // GetSessionToken sessions: the user they stand for (nil: the account root).
    public var userName: String?
    public var userPath: String?
    /// The user's AIDA… id.
    public var userUniqueId: String?

    // Web identity sessions: the provider (e.g. "www.amazon.com") and the policy context
    // keys its token's claims give (e.g. "www.amazon.com:user_id" → the token's sub).
    public var provider: String?
    public var webIdentityClaims: [String: [String]] = [:]

    public init(accessKeyId: String, secret: String, token: String, kind: Kind, accountId: String,
                issued: Double, expiration: Double) {
        self.accessKeyId = accessKeyId
        self.secret = secret
        self.token = token
        self.kind = kind
        self.accountId = accountId
        self.issued = issued
        self.expiration = expiration
    }

    public var roleArn: String? {
        guard let roleName else { return nil }
        return "arn:aws:iam::\(accountId):role\(rolePath ?? "/")\(roleName)"
    }
}
