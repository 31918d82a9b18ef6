import AccessPolicy

/// One thing a request needs to be allowed: an action on a resource, with the resource's
/// own policy (a role's trust policy for sts:AssumeRole*) and the request's condition keys.
public struct AuthorizationCheck: Sendable {
    public var action: String
    public var resource: String
    /// The account owning the resource (nil: taken from the ARN).
    public var resourceAccountId: String?
    public var resourcePolicy: AttachedPolicy?
    public var requestKeys: ContextKeys
    /// The resource policy must itself allow, even within the account (KMS key policies).
    public var resourcePolicyMustAllow: Bool?
    /// The policy of the VPC endpoint the request came through (it must allow too).
    public var vpcEndpointPolicy: AttachedPolicy?

    public init(action: String, resource: String, resourceAccountId: String? = nil,
                resourcePolicy: AttachedPolicy? = nil, requestKeys: ContextKeys = ContextKeys(), resourcePolicyMustAllow: Bool? = nil,
                vpcEndpointPolicy: AttachedPolicy? = nil) {
        self.vpcEndpointPolicy = vpcEndpointPolicy
        self.resourcePolicyMustAllow = resourcePolicyMustAllow
        self.action = action
        self.resource = resource
        self.resourceAccountId = resourceAccountId
        self.resourcePolicy = resourcePolicy
        self.requestKeys = requestKeys
    }
}

extension IdentityDirectory {
    /// Evaluates one check for an authenticated principal with everything that applies to
    /// it: identity policies, boundary, session policies, the SCPs of its account and the
    /// RCPs of the resource's account.
    public func evaluate(_ principal: Principal, _ check: AuthorizationCheck) -> Decision {
        let set = policySet(for: principal)
        let resourceAccount = check.resourceAccountId ?? IAMArn(check.resource)?.account ?? principal.accountId
        var input = set.evaluationInput(action: check.action, resource: check.resource, resourceAccountId: check.resourceAccountId,
                                        resourcePolicy: check.resourcePolicy,
                                        resourceControlPolicies: resourceControlPolicies(forAccount: resourceAccount),
                                        requestKeys: check.requestKeys)
        input.resourcePolicyMustAllow = check.resourcePolicyMustAllow
        input.vpcEndpointPolicy = check.vpcEndpointPolicy
        return Evaluator.evaluate(input)
    }

    /// Evaluates a check for a caller without identity policies of its own (a web identity
    /// presenting a token): only the resource policy can allow it.
    public func evaluate(external principal: PrincipalInfo, _ check: AuthorizationCheck) -> Decision {
        let context = RequestContext(principal: principal, action: check.action, resource: check.resource,
                                     resourceAccountId: check.resourceAccountId, keys: check.requestKeys)
        return Evaluator.evaluate(EvaluationInput(resourcePolicy: check.resourcePolicy, context: context,
                                                  resourcePolicyMustAllow: check.resourcePolicyMustAllow,
                                                  vpcEndpointPolicy: check.vpcEndpointPolicy))
    }
}
