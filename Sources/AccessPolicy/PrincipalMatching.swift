// Matching the Principal and NotPrincipal elements of resource, trust and resource
// control policies against the caller.
//
// AWS JSON policy elements: Principal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
// - `"*"` and `{"AWS": "*"}` name everyone, anonymous callers included;
// - an account id or `arn:aws:iam::<account>:root` delegates to the account: "All
//   identities inside the account can access the resource if they have the appropriate
//   IAM permissions attached to explicitly allow access";
// - a role ARN matches the role's sessions; a role-session ARN matches that session;
// - wildcards cannot name part of a principal, so ARNs compare exactly.
// AWS JSON policy elements: NotPrincipal: to spare a principal from a Deny with
// NotPrincipal, the element must name the principal, the role behind a role session,
// and the account (`arn:aws:iam::<account>:root`); a caller is excluded only when every
// identity in that chain is listed. With a Deny, NotPrincipal "will always deny any IAM
// principal that has a permissions boundary policy attached" (Permissions boundaries).

enum PrincipalMatching {
    static func isAccountReference(_ value: String, account: String) -> Bool {
        guard !account.isEmpty else { return false }
        if value == account { return true }
        guard let parts = ARNSegments.split(value) else { return false }
        return parts[0] == "arn" && parts[2] == "iam" && parts[3].isEmpty && parts[4] == account && parts[5] == "root"
    }

    static func isAccountRootArn(_ value: String) -> Bool {
        guard let parts = ARNSegments.split(value) else { return false }
        return parts[0] == "arn" && parts[2] == "iam" && parts[3].isEmpty && parts[5] == "root"
    }

    static func match(_ entry: PrincipalEntry, _ principal: PrincipalInfo) -> PrincipalMatch? {
        switch entry {
        case .all:
            return .everyone
        case .aws(let value):
            guard principal.type != .anonymous, principal.type != .service else { return nil }
            if isAccountReference(value, account: principal.accountId) { return .account }
            if isAccountRootArn(value) { return nil }
            if value == principal.arn { return .principalArn }
            if principal.matchingArns.contains(value) { return .relatedArn }
            return nil
        case .service(let value):
            guard principal.type == .service, let name = principal.serviceName else { return nil }
            return value.lowercased() == name.lowercased() ? .service : nil
        case .federated(let value):
            guard let provider = principal.federatedProvider else { return nil }
            return value == provider ? .federatedProvider : nil
        case .canonicalUser:
            return nil
        }
    }

    /// The strongest way any entry names the caller, or nil.
    static func bestMatch(_ entries: [PrincipalEntry], _ principal: PrincipalInfo) -> PrincipalMatch? {
        var best: PrincipalMatch?
        for entry in entries {
            guard let found = match(entry, principal) else { continue }
            if best == nil || found.strength > best!.strength { best = found }
            if found.strength == 3 { break }
        }
        return best
    }

    /// True when a NotPrincipal element names the caller completely, so the statement
    /// does not apply to it.
    static func isExcluded(by entries: [PrincipalEntry], _ principal: PrincipalInfo) -> Bool {
        if entries.contains(.all) { return true }
        switch principal.type {
        case .anonymous:
            return false
        case .service:
            return entries.contains { match($0, principal) == .service }
        default:
            let names = Set(entries.compactMap { entry -> String? in
                if case .aws(let value) = entry { return value }
                return nil
            })
            let accountListed = names.contains { isAccountReference($0, account: principal.accountId) }
            guard accountListed else { return false }
            if principal.type == .root { return true }
            return names.contains(principal.arn) && principal.matchingArns.allSatisfy(names.contains)
        }
    }
}
