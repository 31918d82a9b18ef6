/// One AWS account: its root credentials and its IAM entities. Entity dictionaries are keyed
/// by the lower-cased name, since IAM names are unique regardless of case.
public struct Account: Codable, Sendable, Hashable {
    public var id: String
    public var alias: String?
    public var rootKeys: [AccessKey] = []
    public var users: [String: User] = [:]
    public var groups: [String: Group] = [:]
    public var roles: [String: Role] = [:]
    /// Customer managed policies, keyed by lower-cased name.
    public var policies: [String: ManagedPolicy] = [:]

    public init(id: String) { self.id = id }

    public var rootArn: String { "arn:aws:iam::\(id):root" }

    public func user(_ name: String) -> User? { users[name.lowercased()] }
    public func group(_ name: String) -> Group? { groups[name.lowercased()] }
    public func role(_ name: String) -> Role? { roles[name.lowercased()] }

    /// Users in IAM's listing order (by name).
    public var sortedUsers: [User] { users.values.sorted { $0.name.lowercased() < $1.name.lowercased() } }
    public var sortedGroups: [Group] { groups.values.sorted { $0.name.lowercased() < $1.name.lowercased() } }
    public var sortedRoles: [Role] { roles.values.sorted { $0.name.lowercased() < $1.name.lowercased() } }
    public var sortedPolicies: [ManagedPolicy] { policies.values.sorted { $0.name.lowercased() < $1.name.lowercased() } }

    /// The customer managed policy with this ARN, if it belongs to this account.
    public func policy(arn: String) -> ManagedPolicy? {
        guard let parsed = IAMArn(arn), parsed.account == id, parsed.resourceType == "policy" else { return nil }
        guard let policy = policies[parsed.name.lowercased()], policy.path == parsed.path, policy.name == parsed.name else { return nil }
        return policy
    }

    /// Users who are members of the group.
    public func members(ofGroup name: String) -> [User] {
        let lowered = name.lowercased()
        return sortedUsers.filter { $0.groupNames.contains { $0.lowercased() == lowered } }
    }

    /// How many users, groups and roles have this policy attached (not as a boundary).
    public func attachmentCount(_ arn: String) -> Int {
        users.values.filter { $0.attachedPolicyArns.contains(arn) }.count
            + groups.values.filter { $0.attachedPolicyArns.contains(arn) }.count
            + roles.values.filter { $0.attachedPolicyArns.contains(arn) }.count
    }

    /// How many users and roles use this policy as their permissions boundary.
    public func boundaryUsageCount(_ arn: String) -> Int {
        users.values.filter { $0.permissionsBoundaryArn == arn }.count
            + roles.values.filter { $0.permissionsBoundaryArn == arn }.count
    }
}
