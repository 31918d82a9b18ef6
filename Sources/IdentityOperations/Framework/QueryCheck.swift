import AccessPolicy
import Identity

/// One thing an operation needs allowed, and how a refusal is worded. Nothing here is
/// particular to the Query protocol: any service on Warden's port (KMS's JSON operations
/// included) declares its checks this way, and the one Authorizer decides them.
package struct QueryCheck: Sendable {
    package var check: AuthorizationCheck
    /// STS's AssumeRole refusals name only the action and resource
    /// ("User: … is not authorized to perform: sts:AssumeRole on resource: …"); IAM's add
    /// the reason ("… because no identity-based policy allows the iam:CreateUser action").
    package var plainMessage = false
    /// For requests without a signed caller (a web identity presenting its token): who is
    /// asking, as the policy engine sees it. Only the resource policy can allow it.
    package var externalPrincipal: PrincipalInfo?
    /// The refusal's exact text, when the API words it its own way.
    package var denialMessage: String?

    package init(_ action: String, _ resource: String, resourcePolicy: AttachedPolicy? = nil, resourceAccountId: String? = nil,
                 keys: ContextKeys = ContextKeys(), plainMessage: Bool = false, externalPrincipal: PrincipalInfo? = nil,
                 denialMessage: String? = nil) {
        check = AuthorizationCheck(action: action, resource: resource, resourceAccountId: resourceAccountId,
                                   resourcePolicy: resourcePolicy, requestKeys: keys)
        self.plainMessage = plainMessage
        self.externalPrincipal = externalPrincipal
        self.denialMessage = denialMessage
    }
}
