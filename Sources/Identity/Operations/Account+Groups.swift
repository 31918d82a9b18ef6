// IAM groups and membership.

extension Account {
    public func existingGroup(_ name: String) throws(IdentityError) -> Group {
        guard let group = group(name) else { throw .noSuchGroup(name) }
        return group
    }

    @discardableResult
    public mutating func createGroup(name: String, path: String = "/", now: Double) throws(IdentityError) -> Group {
        guard groups[name.lowercased()] == nil else { throw .entityAlreadyExists("Group with name \(name) already exists.") }
        let group = Group(name: name, path: path, id: IdentifierGenerator.uniqueId(.group), createDate: now)
        groups[name.lowercased()] = group
        return group
    }

    public mutating func deleteGroup(name: String) throws(IdentityError) {
        let group = try existingGroup(name)
        if !members(ofGroup: name).isEmpty { throw .deleteConflict("Cannot delete entity, must remove users from group first.") }
        if !group.inlinePolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must delete policies first.") }
        if !group.attachedPolicyArns.isEmpty { throw .deleteConflict("Cannot delete entity, must detach all policies first.") }
        groups[name.lowercased()] = nil
    }

    public mutating func addUserToGroup(userName: String, groupName: String) throws(IdentityError) {
        let group = try existingGroup(groupName)
        try updateUser(userName) { (user: inout User) throws(IdentityError) in
            if !user.groupNames.contains(where: { $0.lowercased() == group.name.lowercased() }) {
                if user.groupNames.count >= 10 { throw .limitExceeded("Cannot exceed quota for GroupsPerUser: 10") }
                user.groupNames.append(group.name)
            }
        }
    }

    public mutating func removeUserFromGroup(userName: String, groupName: String) throws(IdentityError) {
        let group = try existingGroup(groupName)
        try updateUser(userName) { (user: inout User) throws(IdentityError) in
            user.groupNames.removeAll { $0.lowercased() == group.name.lowercased() }
        }
    }

    /// The groups a user belongs to, in the order it joined them.
    public func groups(forUser name: String) throws(IdentityError) -> [Group] {
        let user = try existingUser(name)
        return user.groupNames.compactMap { group($0) }
    }
}
