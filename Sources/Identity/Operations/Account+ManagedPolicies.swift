import WardenSupport
// Customer managed policies, their versions, and attaching managed policies (customer or
// AWS managed) to users, groups and roles. Quotas: 5 versions per policy, 10 managed
// policies per entity, 6,144 characters per policy document.

extension Account {
    /// The customer managed policy with this ARN in this account, or NoSuchEntity
    /// ("Policy arn:… was not found.").
    public func existingPolicy(arn: String) throws(IdentityError) -> ManagedPolicy {
        guard let policy = policy(arn: arn) else { throw .noSuchPolicy(arn) }
        return policy
    }

    mutating func updatePolicy(arn: String, _ change: (inout ManagedPolicy) throws(IdentityError) -> Void) throws(IdentityError) {
        var policy = try existingPolicy(arn: arn)
        try change(&policy)
        policies[policy.name.lowercased()] = policy
    }

    static func checkPolicySize(_ document: String) throws(IdentityError) {
        let size = document.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        if size > 6144 { throw .limitExceeded("Cannot exceed quota for PolicySize: 6144") }
    }

    @discardableResult
    public mutating func createPolicy(name: String, path: String = "/", document: String, description: String? = nil,
                                      tags: [Tag] = [], now: Double) throws(IdentityError) -> ManagedPolicy {
        guard policies[name.lowercased()] == nil else {
            throw .entityAlreadyExists("A policy called \(name) already exists. Duplicate names are not allowed.")
        }
        try TagRules.checkDuplicates(tags)
        try Self.checkPolicySize(document)
        var policy = ManagedPolicy(name: name, path: path, id: IdentifierGenerator.uniqueId(.managedPolicy), createDate: now, document: document)
        policy.description = description
        policy.tags = tags
        policies[name.lowercased()] = policy
        return policy
    }

    public mutating func deletePolicy(arn: String) throws(IdentityError) {
        let policy = try existingPolicy(arn: arn)
        if attachmentCount(arn) > 0 || boundaryUsageCount(arn) > 0 {
            throw .deleteConflict("Cannot delete a policy attached to entities.")
        }
        if policy.versions.count > 1 {
            throw .deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
        }
        policies[policy.name.lowercased()] = nil
    }

    public mutating func createPolicyVersion(arn: String, document: String, setAsDefault: Bool, now: Double) throws(IdentityError) -> PolicyVersion {
        var created: PolicyVersion?
        try updatePolicy(arn: arn) { (policy: inout ManagedPolicy) throws(IdentityError) in
            if policy.versions.count >= 5 {
                throw .limitExceeded("A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.")
            }
            try Self.checkPolicySize(document)
            let version = PolicyVersion(id: "v\(policy.nextVersion)", document: document, createDate: now)
            policy.nextVersion += 1
            policy.versions.append(version)
            if setAsDefault { policy.defaultVersionId = version.id }
            policy.updateDate = now
            created = version
        }
        return created!
    }

    public func policyVersion(arn: String, versionId: String) throws(IdentityError) -> (PolicyVersion, isDefault: Bool) {
        let policy = try existingPolicy(arn: arn)
        guard let version = policy.versions.first(where: { $0.id == versionId }) else {
            throw .noSuchEntity("Policy \(arn) version \(versionId) does not exist or is not attachable.")
        }
        return (version, version.id == policy.defaultVersionId)
    }

    public mutating func deletePolicyVersion(arn: String, versionId: String) throws(IdentityError) {
        try updatePolicy(arn: arn) { (policy: inout ManagedPolicy) throws(IdentityError) in
            guard policy.versions.contains(where: { $0.id == versionId }) else {
                throw .noSuchEntity("Policy \(arn) version \(versionId) does not exist or is not attachable.")
            }
            if policy.defaultVersionId == versionId { throw .deleteConflict("Cannot delete the default version of a policy.") }
            policy.versions.removeAll { $0.id == versionId }
        }
    }

    public mutating func setDefaultPolicyVersion(arn: String, versionId: String, now: Double) throws(IdentityError) {
        try updatePolicy(arn: arn) { (policy: inout ManagedPolicy) throws(IdentityError) in
            guard policy.versions.contains(where: { $0.id == versionId }) else {
                throw .noSuchEntity("Policy \(arn) version \(versionId) does not exist or is not attachable.")
            }
            policy.defaultVersionId = versionId
            policy.updateDate = now
        }
    }

    /// Whether a managed policy ARN can be attached here (a customer policy of this account
    /// or an AWS managed one).
    public func isAttachable(_ arn: String) -> Bool {
        AWSManagedPolicies.entry(arn: arn) != nil || policy(arn: arn) != nil
    }

    public mutating func attachPolicy(_ kind: PolicyHolderKind, entity: String, policyArn: String) throws(IdentityError) {
        let attachable = isAttachable(policyArn)
        try withPolicies(kind, entity) { (_: inout [InlinePolicy], attached: inout [String]) throws(IdentityError) in
            guard attachable else { throw .policyNotAttachable(policyArn) }
            guard !attached.contains(policyArn) else { return }
            if attached.count >= 10 {
                let quota = kind == .user ? "PoliciesPerUser" : kind == .group ? "PoliciesPerGroup" : "PoliciesPerRole"
                throw .limitExceeded("Cannot exceed quota for \(quota): 10")
            }
            attached.append(policyArn)
        }
    }

    public mutating func detachPolicy(_ kind: PolicyHolderKind, entity: String, policyArn: String) throws(IdentityError) {
        try withPolicies(kind, entity) { (_: inout [InlinePolicy], attached: inout [String]) throws(IdentityError) in
            guard attached.contains(policyArn) else { throw .noSuchEntity("Policy \(policyArn) was not found.") }
            attached.removeAll { $0 == policyArn }
        }
    }

    /// The name of an attached managed policy (customer or AWS managed).
    public func managedPolicyName(_ arn: String) -> String {
        if let entry = AWSManagedPolicies.entry(arn: arn) { return entry.name }
        return policy(arn: arn)?.name ?? IAMArn(arn)?.name ?? arn
    }
}
