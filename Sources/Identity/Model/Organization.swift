/// AWS Organizations guardrails from the config file: service control policies (limit what
/// principals of member accounts may do) and resource control policies (limit what may be
/// done to member accounts' resources). Warden stores them and hands them to the policy
/// layer; nothing in the IAM API changes them.
public struct Organization: Codable, Sendable, Hashable {
    /// The management account, to which SCPs and RCPs never apply (as in AWS).
    public var managementAccountId: String?
    public var serviceControlPolicies: [OrganizationPolicy] = []
    public var resourceControlPolicies: [OrganizationPolicy] = []
    /// Whether AWS's default FullAWSAccess SCP (and RCPFullAWSAccess RCP) stay attached
    /// beside the configured ones, so they act as deny lists. false: the configured
    /// policies must allow by themselves (allow lists).
    public var keepFullAccess: Bool = true

    public init(managementAccountId: String? = nil, serviceControlPolicies: [OrganizationPolicy] = [],
                resourceControlPolicies: [OrganizationPolicy] = []) {
        self.managementAccountId = managementAccountId
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
    }

    public var isEmpty: Bool { serviceControlPolicies.isEmpty && resourceControlPolicies.isEmpty }
}

/// One SCP or RCP and the accounts it is attached to (nil or empty: every account, i.e.
/// attached to the organization root).
public struct OrganizationPolicy: Codable, Sendable, Hashable {
    public var name: String
    public var document: String
    public var targets: [String]?

    public init(name: String, document: String, targets: [String]? = nil) {
        self.name = name
        self.document = document
        self.targets = targets
    }

    func applies(to account: String) -> Bool {
        guard let targets, !targets.isEmpty else { return true }
        return targets.contains(account)
    }
}
