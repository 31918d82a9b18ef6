import AccessPolicy

/// A credential as authentication needs it, precomputed so a request's key lookup is one
/// dictionary access.
struct IndexedCredential: Sendable {
    var secret: String
    var sessionToken: String?
    /// nil for long-term keys.
    var expiration: Double?
    var active: Bool
    var principal: Principal
}

/// Everything Identity knows, as one value. Guarded by the directory's mutex.
struct IdentityState: Sendable {
    var accounts: [String: Account] = [:]
    /// Account ids in the order they were configured; the first is the default account.
    var accountOrder: [String] = []
    var sessions: [String: Session] = [:]
    var organization = Organization()
    /// Every access key id (long-term and temporary) → what authentication needs.
    var credentials: [String: IndexedCredential] = [:]
    /// Parsed policy documents, by kind and text (a document is parsed once).
    var parsedPolicies: [PolicyCacheKey: Policy] = [:]
    /// Policy sets by principal, dropped whenever anything changes.
    var policySets: [String: PolicySet] = [:]

    struct PolicyCacheKey: Hashable, Sendable {
        var kind: PolicyKind
        var text: String
    }

    var defaultAccountId: String? { accountOrder.first }

    mutating func insert(account: Account) {
        if accounts[account.id] == nil { accountOrder.append(account.id) }
        accounts[account.id] = account
        reindex(accountId: account.id)
    }

    /// Rebuilds the long-term key entries of one account (after any change to it).
    mutating func reindex(accountId: String) {
        credentials = credentials.filter { !($0.value.expiration == nil && $0.value.principal.accountId == accountId) }
        guard let account = accounts[accountId] else { return }
        for key in account.rootKeys {
            credentials[key.id] = IndexedCredential(secret: key.secret, sessionToken: nil, expiration: nil,
                                                    active: key.status == .active, principal: .root(accountId))
        }
        for user in account.users.values {
            let principal = Principal.user(user, accountId: accountId)
            for key in user.accessKeys {
                credentials[key.id] = IndexedCredential(secret: key.secret, sessionToken: nil, expiration: nil,
                                                        active: key.status == .active, principal: principal)
            }
        }
        policySets.removeAll()
    }

    mutating func insert(session: Session) {
        sessions[session.accessKeyId] = session
        credentials[session.accessKeyId] = IndexedCredential(
            secret: session.secret, sessionToken: session.token, expiration: session.expiration,
            active: true, principal: .session(session))
    }

    /// The parsed form of a stored document (parsed on first use; nil if it no longer parses).
    mutating func parsed(_ text: String, kind: PolicyKind) -> Policy? {
        let key = PolicyCacheKey(kind: kind, text: text)
        if let cached = parsedPolicies[key] { return cached }
        guard let policy = try? Policy.parse(text, kind: kind) else { return nil }
        if parsedPolicies.count > 10_000 { parsedPolicies.removeAll() }
        parsedPolicies[key] = policy
        return policy
    }

    /// The default document of a managed policy (customer or AWS managed) by ARN.
    func managedPolicyDocument(arn: String) -> (name: String, document: String, aws: Bool)? {
        if let entry = AWSManagedPolicies.entry(arn: arn) { return (entry.name, entry.document, true) }
        guard let parsed = IAMArn(arn), let account = accounts[parsed.account], let policy = account.policy(arn: arn) else {
            return nil
        }
        return (policy.name, policy.defaultDocument, false)
    }
}
