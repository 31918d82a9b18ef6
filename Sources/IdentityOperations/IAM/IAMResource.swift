import WardenSupport
import AccessPolicy
import Identity

/// ARNs of IAM resources, as IAM authorizes them.
enum IAMResource {
    static func user(_ account: Account, _ name: String, path: String? = nil) -> String {
        if let user = account.user(name) { return user.arn(account: account.id) }
        return "arn:aws:iam::\(account.id):user\(path ?? "/")\(name)"
    }

    static func group(_ account: Account, _ name: String, path: String? = nil) -> String {
        if let group = account.group(name) { return group.arn(account: account.id) }
        return "arn:aws:iam::\(account.id):group\(path ?? "/")\(name)"
    }

    static func role(_ account: Account, _ name: String, path: String? = nil) -> String {
        if let role = account.role(name) { return role.arn(account: account.id) }
        return "arn:aws:iam::\(account.id):role\(path ?? "/")\(name)"
    }

    static func holder(_ kind: PolicyHolderKind, _ account: Account, _ name: String) -> String {
        switch kind {
        case .user: return user(account, name)
        case .group: return group(account, name)
        case .role: return role(account, name)
        }
    }

    /// Listing actions name the resource type's root, e.g. `arn:aws:iam::ACCT:user/`.
    static func all(_ type: String, _ account: String) -> String { "arn:aws:iam::\(account):\(type)/" }

    /// Condition keys for tags in a request: aws:RequestTag/KEY and aws:TagKeys.
    static func tagKeys(_ tags: [Tag]) -> ContextKeys {
        var keys = ContextKeys()
        guard !tags.isEmpty else { return keys }
        for tag in tags { keys["aws:RequestTag/\(tag.key)"] = .single(tag.value) }
        keys["aws:TagKeys"] = .multiple(tags.map(\.key))
        return keys
    }
}
