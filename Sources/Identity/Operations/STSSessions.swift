import AccessPolicy
import WardenSupport

// Issuing temporary credentials: role sessions (AssumeRole, AssumeRoleWithWebIdentity) and
// session tokens (GetSessionToken). Authorization of the request itself (the trust policy)
// happens before, through `evaluate`; here are the rules about the session.

/// What a new role session carries.
public struct RoleSessionRequest: Sendable {
    public var role: Role
    public var roleAccountId: String
    public var sessionName: String
    public var durationSeconds: Int
    public var sessionPolicy: String?
    public var policyArns: [String] = []
    public var tags: [Tag] = []
    public var transitiveTagKeys: [String] = []
    public var sourceIdentity: String?
    /// The principal that asked (nil for web identities).
    public var caller: Principal?
    /// Web identity sessions: the provider and the context keys of its token.
    public var provider: String?
    public var webIdentityClaims: [String: [String]] = [:]

    public init(role: Role, roleAccountId: String, sessionName: String, durationSeconds: Int) {
        self.role = role
        self.roleAccountId = roleAccountId
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
    }
}

public enum STSRules {
    /// Role chaining limits a session to one hour; otherwise the role's MaxSessionDuration.
    public static func checkDuration(_ seconds: Int, role: Role, chained: Bool) throws(IdentityError) {
        if chained && seconds > 3600 {
            throw .validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        }
        if seconds > role.maxSessionDuration {
            throw .validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
    }

    /// The size of the session policies and tags as a percentage of what STS allows once
    /// packed (PackedPolicySize). STS packs (compresses) them into a binary form whose exact
    /// size only AWS knows; Warden estimates it from the characters that are not whitespace.
    public static func packedPolicySize(policy: String?, policyArns: [String], tags: [Tag]) -> Int {
        let policyChars = policy.map { $0.unicodeScalars.filter { !$0.properties.isWhitespace }.count } ?? 0
        let tagChars = tags.reduce(0) { $0 + $1.key.count + $1.value.count + 2 }
        let raw = Double(policyChars + tagChars + policyArns.count * 48)
        return Int((raw / 2048.0 * 100.0 / 2.0).rounded(.up))
    }

    /// PackedPolicyTooLarge when the estimate passes 100%.
    public static func checkPackedSize(_ percent: Int) throws(IdentityError) {
        if percent > 100 {
            throw IdentityError(code: "PackedPolicyTooLarge",
                                message: "Packed policy consumes \(percent)% of allotted space, please use smaller policy.", httpStatus: 400)
        }
    }
}

extension IdentityDirectory {
    /// Creates a role session (ASIA… key, secret, token) valid for the request's duration on
    /// the simulated clock. Session tags: the caller's transitive tags pass on, then the new
    /// tags (which may not change an inherited transitive key).
    public func issueRoleSession(_ request: RoleSessionRequest, region: String,
                                 completion: @escaping @Sendable (Result<Session, IdentityError>) -> Void) {
        let now = clock.now()
        var session = Session(accessKeyId: IdentifierGenerator.accessKeyId(temporary: true),
                              secret: IdentifierGenerator.secretAccessKey(), token: IdentifierGenerator.sessionToken(),
                              kind: request.provider == nil ? .assumedRole : .webIdentity, accountId: request.roleAccountId,
                              issued: now, expiration: now + Double(request.durationSeconds))
        session.roleName = request.role.name
        session.roleId = request.role.id
        session.rolePath = request.role.path
        session.sessionName = request.sessionName
        session.sessionPolicy = request.sessionPolicy
        session.sessionPolicyArns = request.policyArns
        session.sourceIdentity = request.sourceIdentity
        session.sourcePrincipalArn = request.caller?.arn
        session.provider = request.provider
        session.webIdentityClaims = request.webIdentityClaims
        var tags: [Tag] = []
        var transitive: [String] = []
        if let callerKey = request.caller?.sessionAccessKeyId, let parent = self.session(callerKey) {
            session.chained = parent.kind != .sessionToken
            if parent.sourceIdentity != nil { session.sourceIdentity = parent.sourceIdentity }
            let keys = Set(parent.transitiveTagKeys.map { $0.lowercased() })
            tags = parent.tags.filter { keys.contains($0.key.lowercased()) }
            transitive = parent.transitiveTagKeys
        }
        let inherited = Set(tags.map { $0.key.lowercased() })
        if request.tags.contains(where: { inherited.contains($0.key.lowercased()) }) {
            return completion(.failure(.invalidInput("One or more of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.")))
        }
        tags.merge(request.tags)
        for key in request.transitiveTagKeys where !transitive.contains(where: { $0.lowercased() == key.lowercased() }) {
            transitive.append(key)
        }
        session.tags = tags
        session.transitiveTagKeys = transitive
        createSession(session, completion: completion)
        noteRoleUsed(accountId: request.roleAccountId, roleName: request.role.name, region: region, at: now)
    }

    /// GetSessionToken: temporary credentials standing for the calling user (or root).
    /// Session credentials may not ask for more: "Cannot call GetSessionToken with session
    /// credentials". Duration 900…129600 seconds (default 43200); the root's sessions last
    /// at most an hour (longer requests get an hour).
    public func issueSessionToken(for caller: Principal, durationSeconds: Int?,
                                  completion: @escaping @Sendable (Result<Session, IdentityError>) -> Void) {
        guard !caller.isTemporary, caller.kind != .assumedRole else {
            return completion(.failure(.accessDenied("Cannot call GetSessionToken with session credentials")))
        }
        var duration = durationSeconds ?? 43_200
        if caller.isRoot { duration = min(duration, 3600) }
        let now = clock.now()
        var session = Session(accessKeyId: IdentifierGenerator.accessKeyId(temporary: true),
                              secret: IdentifierGenerator.secretAccessKey(), token: IdentifierGenerator.sessionToken(),
                              kind: .sessionToken, accountId: caller.accountId, issued: now, expiration: now + Double(duration))
        if caller.kind == .user, let name = caller.userName, let user = account(caller.accountId)?.user(name) {
            session.userName = user.name
            session.userPath = user.path
            session.userUniqueId = user.id
        }
        session.sourcePrincipalArn = caller.arn
        createSession(session, completion: completion)
    }
}
