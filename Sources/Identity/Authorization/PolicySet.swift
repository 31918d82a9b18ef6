import AccessPolicy
import WardenSupport

/// Everything the policy engine needs to know about a caller, from Identity: the caller as
/// the engine sees it, its identity-based policies (user inline + managed + its groups'; or
/// role inline + managed), its permissions boundary, its session policies, its principal
/// tags, the web-identity claims of its session, the condition keys that follow from it
/// (aws:PrincipalTag/*, aws:userid, aws:username, aws:SourceIdentity, aws:FederatedProvider,
/// www.amazon.com:user_id…), and the SCPs of its account.
public struct PolicySet: Sendable {
    public var principal: PrincipalInfo
    public var identityPolicies: [AttachedPolicy]
    /// nil when the user or role has no permissions boundary.
    public var permissionsBoundary: [AttachedPolicy]?
    /// Session policies (inline `Policy` and `PolicyArns`) of a role session.
    public var sessionPolicies: [AttachedPolicy]
    /// User tags, or role tags overridden by session tags.
    public var principalTags: [Tag]
    /// Web identity context keys of the session (e.g. "www.amazon.com:user_id").
    public var webIdentityClaims: [String: [String]]
    /// Condition keys that follow from the principal.
    public var contextKeys: ContextKeys
    /// The SCPs that apply to the principal's account, one array per level.
    public var serviceControlPolicies: [[AttachedPolicy]]

    public var isRoot: Bool { principal.type == .root }

    /// The engine's input for one request of this caller. `requestKeys` (the request's own
    /// condition keys) win over the principal's.
    public func evaluationInput(action: String, resource: String, resourceAccountId: String? = nil,
                                resourcePolicy: AttachedPolicy? = nil,
                                resourceControlPolicies: [[AttachedPolicy]] = [],
                                requestKeys: ContextKeys = ContextKeys()) -> EvaluationInput {
        let context = RequestContext(principal: principal, action: action, resource: resource,
                                     resourceAccountId: resourceAccountId, keys: requestKeys, principalKeys: contextKeys)
        return EvaluationInput(identityPolicies: identityPolicies, sessionPolicies: sessionPolicies,
                               permissionsBoundary: permissionsBoundary, resourcePolicy: resourcePolicy,
                               serviceControlPolicies: serviceControlPolicies,
                               resourceControlPolicies: resourceControlPolicies, context: context)
    }
}

extension IdentityState {
    /// Builds (or returns the cached) policy set of a principal.
    mutating func policySet(for principal: Principal, now: Double) -> PolicySet {
        if let cached = policySets[principal.cacheKey] { return cached }
        let set = buildPolicySet(for: principal, now: now)
        if policySets.count > 10_000 { policySets.removeAll() }
        policySets[principal.cacheKey] = set
        return set
    }

    private mutating func managed(_ arns: [String]) -> [AttachedPolicy] {
        arns.compactMap { arn in
            guard let found = managedPolicyDocument(arn: arn), let policy = parsed(found.document, kind: .identity) else { return nil }
            return AttachedPolicy(id: arn, name: found.name, sourceType: found.aws ? .awsManaged : .userManaged, policy: policy)
        }
    }

    private mutating func inline(_ policies: [InlinePolicy], _ source: PolicySourceType) -> [AttachedPolicy] {
        policies.compactMap { p in
            parsed(p.document, kind: .identity).map { AttachedPolicy(id: p.name, name: p.name, sourceType: source, policy: $0) }
        }
    }

    private mutating func boundary(_ arn: String?) -> [AttachedPolicy]? {
        guard let arn else { return nil }
        guard let found = managedPolicyDocument(arn: arn), let policy = parsed(found.document, kind: .boundary) else {
            // A boundary that no longer exists allows nothing.
            return []
        }
        return [AttachedPolicy(id: arn, name: found.name, sourceType: found.aws ? .awsManaged : .userManaged, policy: policy)]
    }

    private mutating func buildPolicySet(for principal: Principal, now: Double) -> PolicySet {
        let account = accounts[principal.accountId]
        var info = PrincipalInfo(arn: principal.arn, accountId: principal.accountId, type: .root)
        var identity: [AttachedPolicy] = []
        var boundaryPolicies: [AttachedPolicy]?
        var sessionPolicies: [AttachedPolicy] = []
        var tags: [Tag] = []
        var claims: [String: [String]] = [:]
        var keys = ContextKeys()
        keys["aws:userid"] = .single(principal.userId)
        keys["aws:PrincipalIsAWSService"] = "false"
        let session = principal.sessionAccessKeyId.flatMap { sessions[$0] }

        switch principal.kind {
        case .root:
            info.type = .root
        case .user:
            info.type = .iamUser
            if let user = account?.user(principal.userName ?? "") {
                identity += inline(user.inlinePolicies, .user)
                identity += managed(user.attachedPolicyArns)
                for groupName in user.groupNames {
                    guard let group = account?.group(groupName) else { continue }
                    identity += inline(group.inlinePolicies, .group)
                    identity += managed(group.attachedPolicyArns)
                }
                boundaryPolicies = boundary(user.permissionsBoundaryArn)
                tags = user.tags
            }
            keys["aws:username"] = .single(principal.userName ?? "")
        case .assumedRole:
            info.type = .assumedRole
            if let roleArn = principal.roleArn {
                info.matchingArns = [roleArn]
                // "For IAM roles, the request context returns the ARN of the role, not the ARN of
                // the user that assumed the role" (global condition keys, aws:PrincipalArn).
                keys["aws:PrincipalArn"] = .single(roleArn)
            }
            if let role = account?.role(principal.roleName ?? "") {
                identity += inline(role.inlinePolicies, .role)
                identity += managed(role.attachedPolicyArns)
                boundaryPolicies = boundary(role.permissionsBoundaryArn)
                tags = role.tags
            }
            if let session {
                tags.merge(session.tags)
                if let text = session.sessionPolicy, let policy = parsed(text, kind: .session) {
                    sessionPolicies.append(AttachedPolicy(id: "session-policy", name: nil, sourceType: .none, policy: policy))
                }
                for arn in session.sessionPolicyArns {
                    if let found = managedPolicyDocument(arn: arn), let policy = parsed(found.document, kind: .session) {
                        sessionPolicies.append(AttachedPolicy(id: arn, name: found.name, sourceType: found.aws ? .awsManaged : .userManaged, policy: policy))
                    }
                }
                if let sourceIdentity = session.sourceIdentity { keys["aws:SourceIdentity"] = .single(sourceIdentity) }
                if session.kind == .webIdentity {
                    claims = session.webIdentityClaims
                    for (name, values) in claims { keys[name] = values.count == 1 ? .single(values[0]) : .multiple(values) }
                    if let provider = session.provider { keys["aws:FederatedProvider"] = .single(provider) }
                }
            }
        }
        if let session {
            keys["aws:TokenIssueTime"] = .single(ISO8601Format.string(session.issued))
            keys["aws:MultiFactorAuthPresent"] = "false"
        }
        for tag in tags { keys["aws:PrincipalTag/\(tag.key)"] = .single(tag.value) }
        return PolicySet(principal: info, identityPolicies: identity, permissionsBoundary: boundaryPolicies,
                         sessionPolicies: sessionPolicies, principalTags: tags, webIdentityClaims: claims,
                         contextKeys: keys, serviceControlPolicies: organizationLevels(organization.serviceControlPolicies,
                                                                                      account: principal.accountId, kind: .serviceControl,
                                                                                      fullAccessName: "FullAWSAccess"))
    }

    /// SCPs or RCPs that apply to an account: one level holding the configured policies
    /// (plus AWS's default full-access policy unless the organization turned it off);
    /// nothing for the management account or without an organization.
    mutating func organizationLevels(_ policies: [OrganizationPolicy], account: String, kind: PolicyKind,
                                     fullAccessName: String) -> [[AttachedPolicy]] {
        guard !policies.isEmpty, account != organization.managementAccountId else { return [] }
        var level: [AttachedPolicy] = []
        if organization.keepFullAccess {
            let principal = kind == .resourceControl ? #""Principal":"*","# : ""
            let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow",\#(principal)"Action":"*","Resource":"*"}]}"#
            if let policy = parsed(text, kind: kind) {
                level.append(AttachedPolicy(id: "p-FullAWSAccess", name: fullAccessName, sourceType: .none, policy: policy))
            }
        }
        for entry in policies where entry.applies(to: account) {
            if let policy = parsed(entry.document, kind: kind) {
                level.append(AttachedPolicy(id: entry.name, name: entry.name, sourceType: .none, policy: policy))
            }
        }
        return [level]
    }
}
