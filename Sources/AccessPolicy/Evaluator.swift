// The decision: one pure function from the policies in force and the request to a
// Decision with its trace.
//
// Sources:
// - "How AWS enforcement code logic evaluates requests to allow or deny access"
//   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
//   1. an explicit Deny in any policy (SCP, RCP, resource-based, identity-based,
//      permissions boundary, session) is final;
//   2. RCPs, then SCPs: every level must have an applicable Allow;
//   3. resource-based policy: within one account an Allow there can decide on its own,
//      "even if an implicit deny in an identity-based policy, permissions boundary, or
//      session policy is present", depending on the principal it names — table
//      "Resource-based policies and implicit denies in other policy types (same account)":
//        IAM user ARN ............ not limited by identity-based policies or boundary
//        role session ARN ........ not limited by identity, boundary or session policy
//        federated-user session .. not limited by identity, boundary or session policy
//        role ARN (for a session of the role) and the IAM user behind a federated
//        session ... limited by the permissions boundary and session policy
//      Naming the account delegates to the account: its identity-based policies must
//      allow (Principal element: AWS account principals). Role trust policies (and KMS
//      key policies) are exceptions: they must allow even within the account.
//   4. identity-based policies must allow (the root user has full access by default);
//   5. the permissions boundary, if any, must allow;
//   6. session principals: a session policy, if passed, must allow; a federated-user
//      session without one is denied, a role session without one continues.
// - VPC endpoint policies ("Control access to VPC endpoints using endpoint policies",
//   https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html): "An
//   endpoint policy does not override or replace identity-based policies or resource-based
//   policies": a request through an endpoint needs an applicable Allow in its policy as
//   well (like an SCP level, but matched against the Principal element), and a Deny in it
//   is final. IAM words the denials "because no VPC endpoint policy allows the ACTION
//   action" and "with an explicit deny in a VPC endpoint policy"
//   (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
// - "Cross-account policy evaluation logic"
//   (reference_policies_evaluation-logic-cross-account.html): the identity side
//   (identity-based, boundary, session, SCPs of the caller's account) and the resource
//   policy must both allow.
// Callers with no identity of their own (anonymous, service principals) are allowed only
// by the resource policy.

public enum Evaluator {
    public static func evaluate(_ input: EvaluationInput) -> Decision {
        var run = Run(input: input)
        return run.decide()
    }
}

private struct Run {
    let input: EvaluationInput
    let principal: PrincipalInfo
    var state: EvaluationState
    var notes: [String] = []

    init(input: EvaluationInput) {
        self.input = input
        self.principal = input.context.principal
        self.state = EvaluationState(context: input.context, principalHasBoundary: input.permissionsBoundary != nil)
    }

    var resourceLayer: PolicyLayer {
        input.resourcePolicy?.policy.kind == .trust ? .roleTrust : .resourceBased
    }

    mutating func decide() -> Decision {
        // Evaluate every policy once, in the order of the flow chart, keeping the trace.
        let rcpLevels = input.resourceControlPolicies.map { state.evaluate($0, as: .resourceControlPolicy) }
        let scpLevels = input.serviceControlPolicies.map { state.evaluate($0, as: .serviceControlPolicy) }
        let endpoint = input.vpcEndpointPolicy.map { state.evaluate([$0], as: .vpcEndpointPolicy) }
        let resource = state.evaluate(input.resourcePolicy.map { [$0] } ?? [], as: resourceLayer)
        let identity = state.evaluate(input.identityPolicies, as: .identityBased)
        let boundary = input.permissionsBoundary.map { state.evaluate($0, as: .permissionsBoundary) }
        let session = state.evaluate(input.sessionPolicies, as: .sessionPolicy)

        let resourceAccount = input.context.effectiveResourceAccountId
        let crossAccount = resourceAccount != nil && resourceAccount != principal.accountId
            && principal.type != .anonymous && principal.type != .service
        notes.append(crossAccount
            ? "Cross-account request: principal account \(principal.accountId), resource account \(resourceAccount ?? "")."
            : "Same-account request.")

        // 1. Explicit deny anywhere.
        let denyOrder: [(PolicyLayer, [MatchedStatement])] = [
            (.resourceControlPolicy, rcpLevels.flatMap(\.denies)),
            (.serviceControlPolicy, scpLevels.flatMap(\.denies)),
            (.vpcEndpointPolicy, endpoint?.denies ?? []),
            (resourceLayer, resource.denies),
            (.identityBased, identity.denies),
            (.permissionsBoundary, boundary?.denies ?? []),
            (.sessionPolicy, session.denies),
        ]
        if let (layer, statements) = denyOrder.first(where: { !$0.1.isEmpty }) {
            let phrase = AccessDeniedMessage.explicitPhrase(layer)
            notes.append("Explicit deny in \(phrase): \(statements.map(describe).joined(separator: "; ")).")
            return finish(.explicitDeny, layer, crossAccount)
        }

        // 2. RCPs and SCPs: every level must allow.
        if let level = rcpLevels.firstIndex(where: { !$0.allowsRequest }) {
            notes.append("No statement in resource control policy level \(level + 1) allows the request.")
            return finish(.implicitDeny, .resourceControlPolicy, crossAccount)
        }
        if let level = scpLevels.firstIndex(where: { !$0.allowsRequest }) {
            notes.append("No statement in service control policy level \(level + 1) allows the request.")
            return finish(.implicitDeny, .serviceControlPolicy, crossAccount)
        }
        if let endpoint {
            guard endpoint.allowsRequest else {
                notes.append("No statement in the VPC endpoint policy allows the request.")
                return finish(.implicitDeny, .vpcEndpointPolicy, crossAccount)
            }
            notes.append("The VPC endpoint policy allows the request.")
        }

        let grant = resource.bestGrant
        let resourceMustAllow = input.resourcePolicyMustAllow ?? (input.resourcePolicy?.policy.kind == .trust)

        // Callers without identity policies of their own.
        if principal.type == .anonymous || principal.type == .service {
            guard grant != nil else {
                notes.append("A \(principal.type == .service ? "service" : "anonymous") caller needs an Allow in the \(resourceLayer.rawValue); none applies.")
                return finish(.implicitDeny, resourceLayer, crossAccount)
            }
            notes.append("The \(resourceLayer.rawValue) allows the caller.")
            return finish(.allow, nil, crossAccount, grantedBy: [resourceLayer])
        }

        if crossAccount {
            guard grant != nil else {
                notes.append("Cross-account access needs an Allow in the \(resourceLayer.rawValue); none applies.")
                return finish(.implicitDeny, resourceLayer, crossAccount)
            }
            notes.append("The \(resourceLayer.rawValue) allows the caller (\(grant!.rawValue)); the caller's own account must allow too.")
            if let failing = identitySide(identity, boundary, session) {
                return finish(.implicitDeny, failing, crossAccount)
            }
            return finish(.allow, nil, crossAccount, grantedBy: [.identityBased, resourceLayer])
        }

        // Same account.
        if resourceMustAllow && grant == nil {
            notes.append("A \(resourceLayer.rawValue) must itself allow the request; none of its statements applies.")
            return finish(.implicitDeny, resourceLayer, crossAccount)
        }
        switch grant {
        case .everyone?, .principalArn?, .service?, .federatedProvider?, .notPrincipal?:
            notes.append("The \(resourceLayer.rawValue) names the caller directly (\(grant!.rawValue)); within one account that allows on its own, whatever the identity-based policies, permissions boundary and session policies leave out.")
            let viaIdentity = identitySide(identity, boundary, session, quiet: true) == nil
            return finish(.allow, nil, crossAccount, grantedBy: viaIdentity ? [resourceLayer, .identityBased] : [resourceLayer])
        case .relatedArn?:
            notes.append("The \(resourceLayer.rawValue) names the role (or IAM user) behind the caller's session; the permissions boundary and session policies still limit it.")
            if let boundary, !boundary.allowsRequest {
                notes.append("No statement in the permissions boundary allows the request.")
                return finish(.implicitDeny, .permissionsBoundary, crossAccount)
            }
            if let failing = sessionCheck(session) {
                return finish(.implicitDeny, failing, crossAccount)
            }
            return finish(.allow, nil, crossAccount, grantedBy: [resourceLayer])
        case .account?:
            notes.append("The \(resourceLayer.rawValue) names the caller's account, which delegates to the account's identity-based policies.")
        case nil:
            if input.resourcePolicy != nil {
                notes.append("No Allow statement in the \(resourceLayer.rawValue) applies.")
            }
        }
        if let failing = identitySide(identity, boundary, session) {
            return finish(.implicitDeny, failing, crossAccount)
        }
        let grantedBy: [PolicyLayer] = grant == .account ? [.identityBased, resourceLayer] : [.identityBased]
        return finish(.allow, nil, crossAccount, grantedBy: grantedBy)
    }

    /// Identity-based policies, permissions boundary and session policies together.
    /// Returns the kind of policy that fails, or nil when they allow.
    mutating func identitySide(
        _ identity: LayerResult, _ boundary: LayerResult?, _ session: LayerResult, quiet: Bool = false
    ) -> PolicyLayer? {
        if principal.type == .root {
            if !quiet { notes.append("The account root user has full access unless a policy denies it.") }
        } else if !identity.allowsRequest {
            if !quiet { notes.append("No statement in the identity-based policies allows the request.") }
            return .identityBased
        } else if !quiet {
            notes.append("An identity-based policy allows the request.")
        }
        if principal.type != .root, let boundary {
            if !boundary.allowsRequest {
                if !quiet { notes.append("No statement in the permissions boundary allows the request.") }
                return .permissionsBoundary
            }
            if !quiet { notes.append("The permissions boundary allows the request.") }
        }
        if quiet {
            guard principal.type.isSession else { return nil }
            if !input.sessionPolicies.isEmpty { return session.allowsRequest ? nil : .sessionPolicy }
            return principal.type == .federatedUser ? .sessionPolicy : nil
        }
        return sessionCheck(session)
    }

    /// Session principals: a passed session policy must allow; a federated-user session
    /// without one is denied.
    mutating func sessionCheck(_ session: LayerResult) -> PolicyLayer? {
        guard principal.type.isSession else { return nil }
        if !input.sessionPolicies.isEmpty {
            if !session.allowsRequest {
                notes.append("No statement in the session policies allows the request.")
                return .sessionPolicy
            }
            notes.append("The session policy allows the request.")
            return nil
        }
        if principal.type == .federatedUser {
            notes.append("A federated-user session without a session policy has no permissions of its own.")
            return .sessionPolicy
        }
        return nil
    }

    mutating func finish(
        _ outcome: Outcome, _ layer: PolicyLayer?, _ crossAccount: Bool, grantedBy: [PolicyLayer] = []
    ) -> Decision {
        var seen = Set<String>()
        var missing: [String] = []
        for key in state.missingKeys where seen.insert(key.lowercased()).inserted { missing.append(key) }
        return Decision(
            outcome: outcome, decidingLayer: layer ?? grantedBy.first, grantedBy: grantedBy,
            matchedStatements: state.matched, failedConditions: state.failedConditions,
            missingContextKeys: missing, isCrossAccount: crossAccount, notes: notes,
            principalArn: principal.arn, action: input.context.action, resource: input.context.resource)
    }

    func describe(_ statement: MatchedStatement) -> String {
        var text = "policy \(statement.policyName ?? statement.policyId) statement \(statement.statementIndex + 1)"
        if let sid = statement.sid { text += " (Sid \(sid))" }
        return text
    }
}
