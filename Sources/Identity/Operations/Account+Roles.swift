import WardenSupport
// IAM roles. The trust policy is validated by the caller (Policy.parse, kind .trust) before
// it reaches here.

extension Account {
    public func existingRole(_ name: String) throws(IdentityError) -> Role {
        guard let role = role(name) else { throw .noSuchRole(name) }
        return role
    }

    mutating func updateRole(_ name: String, _ change: (inout Role) throws(IdentityError) -> Void) throws(IdentityError) {
        guard var role = roles[name.lowercased()] else { throw .noSuchRole(name) }
        try change(&role)
        roles[name.lowercased()] = role
    }

    @discardableResult
    public mutating func createRole(name: String, path: String = "/", trustPolicy: String, description: String? = nil,
                                    maxSessionDuration: Int = 3600, tags: [Tag] = [], permissionsBoundary: String? = nil,
                                    now: Double) throws(IdentityError) -> Role {
        guard roles[name.lowercased()] == nil else { throw .entityAlreadyExists("Role with name \(name) already exists.") }
        try TagRules.checkDuplicates(tags)
        if let permissionsBoundary { try checkBoundary(permissionsBoundary) }
        var role = Role(name: name, path: path, id: IdentifierGenerator.uniqueId(.role), createDate: now, trustPolicy: trustPolicy)
        role.description = description
        role.maxSessionDuration = maxSessionDuration
        role.tags = tags
        role.permissionsBoundaryArn = permissionsBoundary
        roles[name.lowercased()] = role
        return role
    }

    public mutating func deleteRole(name: String) throws(IdentityError) {
        let role = try existingRole(name)
        if !role.attachedPolicyArns.isEmpty { throw .deleteConflict("Cannot delete entity, must detach all policies first.") }
        if !role.inlinePolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must delete policies first.") }
        roles[name.lowercased()] = nil
    }

    public mutating func updateAssumeRolePolicy(name: String, document: String) throws(IdentityError) {
        try updateRole(name) { (role: inout Role) throws(IdentityError) in role.trustPolicy = document }
    }

    public mutating func updateRole(name: String, description: String?, maxSessionDuration: Int?) throws(IdentityError) {
        try updateRole(name) { (role: inout Role) throws(IdentityError) in
            if let description { role.description = description }
            if let maxSessionDuration { role.maxSessionDuration = maxSessionDuration }
        }
    }

    public mutating func tagRole(name: String, tags: [Tag]) throws(IdentityError) {
        try updateRole(name) { (role: inout Role) throws(IdentityError) in
            try TagRules.checkDuplicates(tags)
            try TagRules.checkLimit(existing: role.tags, adding: tags)
            role.tags.merge(tags)
        }
    }

    public mutating func untagRole(name: String, keys: [String]) throws(IdentityError) {
        try updateRole(name) { (role: inout Role) throws(IdentityError) in role.tags.remove(keys: keys) }
    }

    public mutating func putRolePermissionsBoundary(name: String, policyArn: String) throws(IdentityError) {
        _ = try existingRole(name)
        try checkBoundary(policyArn)
        try updateRole(name) { (role: inout Role) throws(IdentityError) in role.permissionsBoundaryArn = policyArn }
    }

    public mutating func deleteRolePermissionsBoundary(name: String) throws(IdentityError) {
        try updateRole(name) { (role: inout Role) throws(IdentityError) in role.permissionsBoundaryArn = nil }
    }

    /// The role an ARN names, if it is in this account (path and name must match).
    public func role(arn: String) -> Role? {
        guard let parsed = IAMArn(arn), parsed.account == id, parsed.resourceType == "role",
              let role = role(parsed.name), role.path == parsed.path else { return nil }
        return role
    }
}
