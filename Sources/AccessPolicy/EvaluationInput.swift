// Everything an evaluation needs: the policies in force and the request.

/// A policy together with where it comes from.
public struct AttachedPolicy: Sendable, Hashable {
    /// The policy's id or ARN (IAM's SourcePolicyId).
    public var id: String
    public var name: String?
    public var sourceType: PolicySourceType
    public var policy: Policy

    public init(id: String, name: String? = nil, sourceType: PolicySourceType, policy: Policy) {
        self.id = id
        self.name = name
        self.sourceType = sourceType
        self.policy = policy
    }
}

public struct EvaluationInput: Sendable, Hashable {
    /// Policies attached to the user (and its groups) or the role.
    public var identityPolicies: [AttachedPolicy]
    /// Session policies passed when the session was created.
    public var sessionPolicies: [AttachedPolicy]
    /// The permissions boundary; nil when the entity has none.
    public var permissionsBoundary: [AttachedPolicy]?
    /// The resource's policy (for sts:AssumeRole, the role's trust policy).
    public var resourcePolicy: AttachedPolicy?
    /// SCPs of the principal's account, one array per level (root, OUs, account); each
    /// level must allow. Empty when no SCPs apply.
    public var serviceControlPolicies: [[AttachedPolicy]]
    /// RCPs of the resource's account, one array per level; each level must allow.
    public var resourceControlPolicies: [[AttachedPolicy]]
    public var context: RequestContext
    /// Whether the resource policy itself must allow even within one account. nil means:
    /// yes for a role trust policy (and KMS-style key policies, if the caller says so),
    /// no otherwise.
    public var resourcePolicyMustAllow: Bool?
    /// The policy of the VPC endpoint the request came through (nil: not through an
    /// endpoint, or the endpoint's default full-access policy). It must allow the request,
    /// whoever else allows it, and a Deny in it is final.
    public var vpcEndpointPolicy: AttachedPolicy?

    public init(
        identityPolicies: [AttachedPolicy] = [],
        sessionPolicies: [AttachedPolicy] = [],
        permissionsBoundary: [AttachedPolicy]? = nil,
        resourcePolicy: AttachedPolicy? = nil,
        serviceControlPolicies: [[AttachedPolicy]] = [],
        resourceControlPolicies: [[AttachedPolicy]] = [],
        context: RequestContext,
        resourcePolicyMustAllow: Bool? = nil,
        vpcEndpointPolicy: AttachedPolicy? = nil
    ) {
        self.vpcEndpointPolicy = vpcEndpointPolicy
        self.identityPolicies = identityPolicies
        self.sessionPolicies = sessionPolicies
        self.permissionsBoundary = permissionsBoundary
        self.resourcePolicy = resourcePolicy
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.context = context
        self.resourcePolicyMustAllow = resourcePolicyMustAllow
    }
}
