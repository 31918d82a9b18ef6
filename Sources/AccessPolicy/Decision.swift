// The result of an evaluation and its trace.

public enum Outcome: String, Sendable, Hashable {
    case allow
    case explicitDeny
    case implicitDeny
}

/// The kinds of policy that take part in a decision. The raw value is the phrase IAM
/// uses for the kind in its access-denied messages.
public enum PolicyLayer: String, Sendable, Hashable, CaseIterable {
    case identityBased = "identity-based policy"
    case resourceBased = "resource-based policy"
    case roleTrust = "role trust policy"
    case permissionsBoundary = "permissions boundary"
    case sessionPolicy = "session policy"
    case serviceControlPolicy = "service control policy"
    case resourceControlPolicy = "resource control policy"
    /// The policy of the VPC endpoint the request came through.
    case vpcEndpointPolicy = "VPC endpoint policy"
}

/// IAM's SourcePolicyType (as reported by SimulatePrincipalPolicy).
public enum PolicySourceType: String, Sendable, Hashable, CaseIterable {
    case user
    case group
    case role
    case awsManaged = "aws-managed"
    case userManaged = "user-managed"
    case resource
    case none
}

/// How a statement's Principal element matched the caller.
public enum PrincipalMatch: String, Sendable, Hashable {
    /// `"*"` or `{"AWS": "*"}`.
    case everyone
    /// The caller's own ARN (user, role session or federated-user session ARN).
    case principalArn
    /// One of the caller's `matchingArns`: the role of a role session, or the IAM user
    /// behind a federated-user session.
    case relatedArn
    /// The caller's account (account id or `arn:aws:iam::<account>:root`): the
    /// account's identity-based policies must also allow.
    case account
    /// `{"Service": ...}` naming the calling service.
    case service
    /// `{"Federated": ...}` naming the caller's identity provider.
    case federatedProvider
    /// A NotPrincipal element that does not exclude the caller.
    case notPrincipal

    /// Grants that reach the caller directly rank above grants through the role or user
    /// behind a session, which rank above grants to the whole account.
    var strength: Int {
        switch self {
        case .account: return 1
        case .relatedArn: return 2
        default: return 3
        }
    }
}

public struct MatchedStatement: Sendable, Hashable {
    public var policyId: String
    public var policyName: String?
    public var sourceType: PolicySourceType
    public var layer: PolicyLayer
    public var sid: String?
    /// Counting from 0.
    public var statementIndex: Int
    public var effect: Effect
    public var startPosition: SourcePosition
    public var endPosition: SourcePosition
    /// How the Principal element matched (nil for policies without principals).
    public var principalMatch: PrincipalMatch?
}

public struct FailedCondition: Sendable, Hashable {
    public var policyId: String
    public var policyName: String?
    public var layer: PolicyLayer
    public var sid: String?
    public var statementIndex: Int
    public var effect: Effect
    /// e.g. `ForAllValues:StringEquals`.
    public var operatorName: String
    /// The context key as written in the policy.
    public var key: String
    /// The policy's values as written.
    public var expectedValues: [String]
    /// The request's values; nil when the key is absent from the request.
    public var actualValues: [String]?
    /// Why a value could not be compared (e.g. not a number), when that decided.
    public var note: String?

    /// "absent" or the request's values.
    public var actualDescription: String {
        guard let actualValues else { return "absent" }
        return "[" + actualValues.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }
}

public struct Decision: Sendable, Hashable {
    public var outcome: Outcome
    /// For a deny, the kind of policy the access-denied message names. For an allow, the
    /// kind whose Allow granted the request (the first of `grantedBy`).
    public var decidingLayer: PolicyLayer?
    /// For an allow: every kind of policy whose Allow the decision relied on.
    public var grantedBy: [PolicyLayer]
    /// Statements that applied to the request (action, resource, principal and all
    /// conditions matched), Allow and Deny alike, in evaluation order.
    public var matchedStatements: [MatchedStatement]
    /// Conditions that failed in statements whose action, resource and principal matched.
    public var failedConditions: [FailedCondition]
    /// Condition keys (and policy-variable keys) that conditions or resources referenced
    /// but the request context lacked, as written in the policies, without duplicates.
    public var missingContextKeys: [String]
    /// True when the principal's account differs from the resource's account.
    public var isCrossAccount: Bool
    /// The steps of the evaluation in plain words.
    public var notes: [String]
    /// The request the decision is about.
    public var principalArn: String
    public var action: String
    public var resource: String

    public var isAllowed: Bool { outcome == .allow }

    /// Statements with the given effect.
    public func matched(_ effect: Effect) -> [MatchedStatement] {
        matchedStatements.filter { $0.effect == effect }
    }
}
