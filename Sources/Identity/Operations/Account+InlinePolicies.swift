// Inline policies of users, groups and roles (Put/Get/Delete/List{User,Group,Role}Policy).
// Documents are validated by the caller (Policy.parse, kind .identity) and kept verbatim.
// IAM limits the total size of an entity's inline policies (whitespace not counted): 2,048
// characters for a user, 5,120 for a group, 10,240 for a role (IAM and AWS STS quotas).

/// The kinds of IAM entity that hold policies.
public enum PolicyHolderKind: String, Sendable {
    case user
    case group
    case role

    var inlineQuota: Int {
        switch self {
        case .user: return 2048
        case .group: return 5120
        case .role: return 10240
        }
    }

    func noSuchEntity(_ name: String) -> IdentityError {
        switch self {
        case .user: return .noSuchUser(name)
        case .group: return .noSuchGroup(name)
        case .role: return .noSuchRole(name)
        }
    }
}

extension Account {
    /// Reads or changes the inline and attached policies of one entity.
    mutating func withPolicies<T>(_ kind: PolicyHolderKind, _ name: String,
                                  _ body: (inout [InlinePolicy], inout [String]) throws(IdentityError) -> T) throws(IdentityError) -> T {
        let key = name.lowercased()
        switch kind {
        case .user:
            guard var entity = users[key] else { throw kind.noSuchEntity(name) }
            let result = try body(&entity.inlinePolicies, &entity.attachedPolicyArns)
            users[key] = entity
            return result
        case .group:
            guard var entity = groups[key] else { throw kind.noSuchEntity(name) }
            let result = try body(&entity.inlinePolicies, &entity.attachedPolicyArns)
            groups[key] = entity
            return result
        case .role:
            guard var entity = roles[key] else { throw kind.noSuchEntity(name) }
            let result = try body(&entity.inlinePolicies, &entity.attachedPolicyArns)
            roles[key] = entity
            return result
        }
    }

    public func policies(of kind: PolicyHolderKind, _ name: String) throws(IdentityError) -> (inline: [InlinePolicy], attached: [String]) {
        switch kind {
        case .user: let e = try existingUser(name); return (e.inlinePolicies, e.attachedPolicyArns)
        case .group: let e = try existingGroup(name); return (e.inlinePolicies, e.attachedPolicyArns)
        case .role: let e = try existingRole(name); return (e.inlinePolicies, e.attachedPolicyArns)
        }
    }

    public mutating func putInlinePolicy(_ kind: PolicyHolderKind, entity: String, policyName: String, document: String) throws(IdentityError) {
        try withPolicies(kind, entity) { (inline: inout [InlinePolicy], _: inout [String]) throws(IdentityError) in
            var updated = inline
            updated.put(InlinePolicy(name: policyName, document: document))
            let size = updated.reduce(0) { $0 + $1.document.unicodeScalars.filter { !$0.properties.isWhitespace }.count }
            if size > kind.inlineQuota {
                throw .limitExceeded("Maximum policy size of \(kind.inlineQuota) bytes exceeded for \(kind.rawValue) \(entity)")
            }
            inline = updated
        }
    }

    public func inlinePolicy(_ kind: PolicyHolderKind, entity: String, policyName: String) throws(IdentityError) -> InlinePolicy {
        guard let policy = try policies(of: kind, entity).inline.named(policyName) else {
            throw .noSuchEntity("The \(kind.rawValue) policy with name \(policyName) cannot be found.")
        }
        return policy
    }

    public mutating func deleteInlinePolicy(_ kind: PolicyHolderKind, entity: String, policyName: String) throws(IdentityError) {
        try withPolicies(kind, entity) { (inline: inout [InlinePolicy], _: inout [String]) throws(IdentityError) in
            guard inline.named(policyName) != nil else {
                throw .noSuchEntity("The \(kind.rawValue) policy with name \(policyName) cannot be found.")
            }
            inline.removeAll { $0.name == policyName }
        }
    }
}
