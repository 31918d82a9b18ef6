import WardenSupport
// IAM users: create, delete, tags, permissions boundaries. Texts: "User with name bob
// already exists.", "The user with name bob cannot be found.", and DeleteUser's conflicts in
// the order IAM's DeleteUser documentation lists what must go first (access keys, inline
// policies, attached policies, group memberships).

extension Account {
    /// The user, or NoSuchEntity.
    public func existingUser(_ name: String) throws(IdentityError) -> User {
        guard let user = user(name) else { throw .noSuchUser(name) }
        return user
    }

    mutating func updateUser(_ name: String, _ change: (inout User) throws(IdentityError) -> Void) throws(IdentityError) {
        guard var user = users[name.lowercased()] else { throw .noSuchUser(name) }
        try change(&user)
        users[name.lowercased()] = user
    }

    @discardableResult
    public mutating func createUser(name: String, path: String = "/", tags: [Tag] = [], permissionsBoundary: String? = nil,
                                    now: Double) throws(IdentityError) -> User {
        guard users[name.lowercased()] == nil else { throw .entityAlreadyExists("User with name \(name) already exists.") }
        try TagRules.checkDuplicates(tags)
        if let permissionsBoundary { try checkBoundary(permissionsBoundary) }
        var user = User(name: name, path: path, id: IdentifierGenerator.uniqueId(.user), createDate: now)
        user.tags = tags
        user.permissionsBoundaryArn = permissionsBoundary
        users[name.lowercased()] = user
        return user
    }

    public mutating func deleteUser(name: String) throws(IdentityError) {
        let user = try existingUser(name)
        if !user.accessKeys.isEmpty { throw .deleteConflict("Cannot delete entity, must delete access keys first.") }
        if !user.inlinePolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must delete policies first.") }
        if !user.attachedPolicyArns.isEmpty { throw .deleteConflict("Cannot delete entity, must detach all policies first.") }
        if !user.groupNames.isEmpty { throw .deleteConflict("Cannot delete entity, must remove users from group first.") }
        users[name.lowercased()] = nil
    }

    public mutating func tagUser(name: String, tags: [Tag]) throws(IdentityError) {
        try updateUser(name) { (user: inout User) throws(IdentityError) in
            try TagRules.checkDuplicates(tags)
            try TagRules.checkLimit(existing: user.tags, adding: tags)
            user.tags.merge(tags)
        }
    }

    public mutating func untagUser(name: String, keys: [String]) throws(IdentityError) {
        try updateUser(name) { (user: inout User) throws(IdentityError) in user.tags.remove(keys: keys) }
    }

    public mutating func putUserPermissionsBoundary(name: String, policyArn: String) throws(IdentityError) {
        _ = try existingUser(name)
        try checkBoundary(policyArn)
        try updateUser(name) { (user: inout User) throws(IdentityError) in user.permissionsBoundaryArn = policyArn }
    }

    public mutating func deleteUserPermissionsBoundary(name: String) throws(IdentityError) {
        try updateUser(name) { (user: inout User) throws(IdentityError) in user.permissionsBoundaryArn = nil }
    }

    /// A permissions boundary must be a managed policy that exists:
    /// "Scope ARN: arn:aws:iam::123456789012:policy/X does not exist or is not attachable."
    func checkBoundary(_ arn: String) throws(IdentityError) {
        guard AWSManagedPolicies.entry(arn: arn) != nil || policy(arn: arn) != nil else {
            throw .noSuchEntity("Scope ARN: \(arn) does not exist or is not attachable.")
        }
    }
}
