// IAM's access-denied sentences.
//
// Troubleshoot access denied error messages
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
// "Most access denied error messages appear in the format User user is not authorized
// to perform action on resource because context." "When a policy explicitly denies
// access ... AWS includes the phrase `with an explicit deny in a type policy` ... When the
// policy implicitly denies access, then AWS includes the phrase `because no type policy
// allows the action action`." "If multiple policy types deny an authorization request,
// AWS includes only one of those policy types in the error message." Examples:
//   ... because no identity-based policy allows the codecommit:ListRepositories action
//   ... with an explicit deny in an identity-based policy
//   ... because no resource-based policy allows the secretsmanager:GetSecretValue action
//   ... with an explicit deny in a resource-based policy
//   ... because no permissions boundary allows the codedeploy:ListDeployments action
//   ... with an explicit deny in a permissions boundary
//   ... because no session policy allows the codecommit:ListRepositories action
//   ... with an explicit deny in a service control policy
// The role trust policy forms follow the page's trust-policy section ("... with an
// explicit deny in the role trust policy"); the "because no ..." forms of service and
// resource control policies follow the same pattern as the others.

public enum AccessDeniedMessage {
    /// The sentence IAM would return for `decision`. For an allowed request there is no
    /// reason to give, and only the "is not authorized to perform" part is produced.
    public static func render(principalArn: String, action: String, resource: String, decision: Decision) -> String {
        var text = "User: \(principalArn) is not authorized to perform: \(action)"
        if !resource.isEmpty { text += " on resource: \(resource)" }
        guard decision.outcome != .allow, let layer = decision.decidingLayer else { return text }
        switch decision.outcome {
        case .explicitDeny:
            text += " with an explicit deny in \(explicitPhrase(layer))"
        case .implicitDeny:
            text += " because no \(layer.rawValue) allows the \(action) action"
        case .allow:
            break
        }
        return text
    }

    /// "an identity-based policy", "a permissions boundary", "the role trust policy"...
    static func explicitPhrase(_ layer: PolicyLayer) -> String {
        switch layer {
        case .identityBased: return "an identity-based policy"
        case .resourceBased: return "a resource-based policy"
        case .roleTrust: return "the role trust policy"
        case .permissionsBoundary: return "a permissions boundary"
        case .sessionPolicy: return "a session policy"
        case .serviceControlPolicy: return "a service control policy"
        case .resourceControlPolicy: return "a resource control policy"
        case .vpcEndpointPolicy: return "a VPC endpoint policy"
        }
    }
}

extension Decision {
    /// IAM's access-denied sentence for this decision's own request.
    public var accessDeniedMessage: String {
        AccessDeniedMessage.render(principalArn: principalArn, action: action, resource: resource, decision: self)
    }
}
