/// What an operation asks permission for, declared before it runs: one check per action and
/// resource, each with the condition keys AWS supplies for it (dynamodb:LeadingKeys,
/// dynamodb:Attributes, dynamodb:Select, dynamodb:ReturnValues …). Batch and transactional
/// operations declare one check per part; the request is denied when any check is.
public struct AuthorizationRequest: Sendable {
    public var checks: [AuthorizationCheck]
    /// Each check stands for one part of the request that succeeds or fails on its own (a
    /// BatchExecuteStatement statement, answered `AccessDenied` in its own `Error`): a denied
    /// check fails its part, not the request. The operation learns which were denied from
    /// `RequestEnvironment.deniedChecks`.
    public var independent: Bool

    public init(_ checks: [AuthorizationCheck], independent: Bool = false) {
        self.checks = checks
        self.independent = independent
    }
}

public struct AuthorizationCheck: Sendable {
    public var action: String
    public var resource: String
    /// The account that owns the resource (for cross-account evaluation).
    public var resourceAccount: String
    /// The ARN of the resource whose resource-based policy applies (the table for its indexes).
    public var policyResource: String?
    /// Condition keys, each single- or multi-valued.
    public var keys: [String: [String]]

    public init(action: String, resource: String, resourceAccount: String, policyResource: String? = nil, keys: [String: [String]] = [:]) {
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.policyResource = policyResource
        self.keys = keys
    }
}
