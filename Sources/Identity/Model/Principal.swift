/// Who a set of credentials stands for, as established by authentication: enough to answer
/// GetCallerIdentity, name the caller in error messages and find its policies.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case root
        case user
        case assumedRole
    }

    public var kind: Kind
    public var accountId: String
    /// `arn:aws:iam::ACCT:root`, `arn:aws:iam::ACCT:user/PATH/NAME` or
    /// `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`.
    public var arn: String
    /// GetCallerIdentity's UserId: the account id (root), AIDA… (user), AROA…:SESSION (role).
    public var userId: String
    public var userName: String?
    public var roleName: String?
    public var roleArn: String?
    public var sessionName: String?
    /// Set when the caller used temporary credentials: the session's access key id.
    public var sessionAccessKeyId: String?
    public var sessionKind: Session.Kind?

    public init(kind: Kind, accountId: String, arn: String, userId: String) {
        self.kind = kind
        self.accountId = accountId
        self.arn = arn
        self.userId = userId
    }

    public static func root(_ accountId: String) -> Principal {
        Principal(kind: .root, accountId: accountId, arn: "arn:aws:iam::\(accountId):root", userId: accountId)
    }

    public static func user(_ user: User, accountId: String) -> Principal {
        var p = Principal(kind: .user, accountId: accountId, arn: user.arn(account: accountId), userId: user.id)
        p.userName = user.name
        return p
    }

    /// The principal temporary credentials act as.
    public static func session(_ session: Session) -> Principal {
        var p: Principal
        switch session.kind {
        case .assumedRole, .webIdentity:
            let role = session.roleName ?? ""
            let name = session.sessionName ?? ""
            p = Principal(kind: .assumedRole, accountId: session.accountId,
                          arn: "arn:aws:sts::\(session.accountId):assumed-role/\(role)/\(name)",
                          userId: "\(session.roleId ?? ""):\(name)")
            p.roleName = session.roleName
            p.roleArn = session.roleArn
            p.sessionName = session.sessionName
        case .sessionToken:
            if let userName = session.userName {
                p = Principal(kind: .user, accountId: session.accountId,
                              arn: "arn:aws:iam::\(session.accountId):user\(session.userPath ?? "/")\(userName)",
                              userId: session.userUniqueId ?? "")
                p.userName = userName
            } else {
                p = .root(session.accountId)
            }
        }
        p.sessionAccessKeyId = session.accessKeyId
        p.sessionKind = session.kind
        return p
    }

    public var isRoot: Bool { kind == .root }
    public var isTemporary: Bool { sessionAccessKeyId != nil }

    /// The key under which this principal's policy set is cached.
    var cacheKey: String {
        if let sessionAccessKeyId { return "s:" + sessionAccessKeyId }
        switch kind {
        case .root: return "r:" + accountId
        case .user: return "u:" + accountId + ":" + (userName ?? "").lowercased()
        case .assumedRole: return "a:" + arn
        }
    }
}
