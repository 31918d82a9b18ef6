// What the caller of the engine supplies: who is asking, for what, on what, and the
// condition context keys of the request.

/// The kind of principal making the request.
public enum PrincipalType: String, Sendable, Hashable, CaseIterable {
    case root
    case iamUser
    case assumedRole
    case federatedUser
    case webIdentity
    case service
    case anonymous

    /// Session principals (role sessions and federated-user sessions) are the ones that
    /// session policies apply to.
    public var isSession: Bool {
        switch self {
        case .assumedRole, .federatedUser, .webIdentity: return true
        default: return false
        }
    }

    /// The value IAM gives `aws:PrincipalType` for this kind of principal.
    var contextKeyValue: String? {
        switch self {
        case .root: return "Account"
        case .iamUser: return "User"
        case .assumedRole, .webIdentity: return "AssumedRole"
        case .federatedUser: return "FederatedUser"
        case .anonymous: return "Anonymous"
        case .service: return nil
        }
    }
}

public struct PrincipalInfo: Sendable, Hashable {
    /// e.g. arn:aws:iam::123456789012:user/alice,
    /// arn:aws:sts::123456789012:assumed-role/R/s, arn:aws:iam::123456789012:root
    public var arn: String
    public var accountId: String
    public var type: PrincipalType
    /// Extra ARNs a Principal element may name and still match: for an assumed-role
    /// session, the role ARN; for a federated-user session, the IAM user who federated.
    public var matchingArns: [String]
    /// e.g. "www.amazon.com" for web-identity sessions.
    public var federatedProvider: String?
    /// e.g. "dynamodb.amazonaws.com".
    public var serviceName: String?

    public init(
        arn: String, accountId: String, type: PrincipalType, matchingArns: [String] = [],
        federatedProvider: String? = nil, serviceName: String? = nil
    ) {
        self.arn = arn
        self.accountId = accountId
        self.type = type
        self.matchingArns = matchingArns
        self.federatedProvider = federatedProvider
        self.serviceName = serviceName
    }

    /// An unauthenticated caller.
    public static let anonymous = PrincipalInfo(arn: "anonymous", accountId: "", type: .anonymous)

    /// The ARN of this principal's account (`arn:<partition>:iam::<account>:root`).
    public var accountRootArn: String {
        "arn:\(partition):iam::\(accountId):root"
    }

    var partition: String {
        let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count >= 2, parts[0] == "arn", !parts[1].isEmpty { return String(parts[1]) }
        return "aws"
    }
}

/// The value of one condition context key: a single value or a set of values.
public enum ContextValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case single(String)
    case multiple([String])

    public init(stringLiteral value: String) { self = .single(value) }
    public init(arrayLiteral elements: String...) { self = .multiple(elements) }

    /// The values as a list (one element for a single value).
    public var values: [String] {
        switch self {
        case .single(let value): return [value]
        case .multiple(let values): return values
        }
    }
}

/// Condition context keys. Key names are case-insensitive
/// (IAM JSON policy elements: Condition — "Context key names are not case-sensitive");
/// values are kept exactly as given.
public struct ContextKeys: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    struct Entry: Sendable, Hashable {
        var name: String
        var value: ContextValue
    }

    private(set) var storage: [String: Entry] = [:]

    /// Sets a key whose lowercased name the caller already holds (keys made on every
    /// request, named by constants: no lowercasing per request).
    public mutating func set(_ name: String, lowercased: String, _ value: ContextValue) {
        storage[lowercased] = Entry(name: name, value: value)
    }

    public init() {}

    /// Room for `minimumCapacity` keys without rehashing as they are added.
    public init(minimumCapacity: Int) {
        storage.reserveCapacity(minimumCapacity)
    }

    public init(_ values: [String: ContextValue]) {
        for (key, value) in values { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, ContextValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    public subscript(key: String) -> ContextValue? {
        get { storage[key.lowercased()]?.value }
        set {
            if let newValue {
                storage[key.lowercased()] = Entry(name: key, value: newValue)
            } else {
                storage[key.lowercased()] = nil
            }
        }
    }

    /// Adds `other`'s keys; where both have one, `other`'s value wins unless `keepExisting`.
    /// (Entry by entry, without re-normalizing names.)
    public mutating func merge(_ other: ContextKeys, keepExisting: Bool = false) {
        storage.merge(other.storage) { mine, theirs in keepExisting ? mine : theirs }
    }

    /// The key names as they were given, sorted.
    public var names: [String] { storage.values.map(\.name).sorted() }

    public var count: Int { storage.count }

    func value(forLowercasedKey key: String) -> ContextValue? { storage[key]?.value }
}

public struct RequestContext: Sendable, Hashable {
    public var principal: PrincipalInfo
    /// e.g. "dynamodb:GetItem"
    public var action: String
    /// The ARN of the resource.
    public var resource: String
    /// The account that owns the resource; when nil, the account field of the resource
    /// ARN is used, and if that is empty too the request counts as same-account.
    public var resourceAccountId: String?
    public var keys: ContextKeys
    /// Keys that follow from the principal (its tags, aws:userid, …), looked up after
    /// `keys`: a request key of the same name wins. Kept apart so that a request does not
    /// copy its caller's keys into its own.
    public var principalKeys: ContextKeys

    public init(
        principal: PrincipalInfo, action: String, resource: String,
        resourceAccountId: String? = nil, keys: ContextKeys = ContextKeys(), principalKeys: ContextKeys = ContextKeys()
    ) {
        self.principalKeys = principalKeys
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccountId = resourceAccountId
        self.keys = keys
    }

    /// The account owning the resource, as explained at `resourceAccountId`.
    public var effectiveResourceAccountId: String? {
        if let resourceAccountId, !resourceAccountId.isEmpty { return resourceAccountId }
        guard let account = ARNSegments.account(of: resource), !account.isEmpty else { return nil }
        return String(account)
    }
}

/// Key lookup during evaluation. Keys the caller left out but that follow from the
/// principal are derived: aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType and,
/// for IAM users, aws:username. A value in `keys` always wins.
struct ContextLookup {
    let keys: ContextKeys
    let principalKeys: ContextKeys
    let principal: PrincipalInfo

    func value(forLowercasedKey key: String) -> ContextValue? {
        if let value = keys.value(forLowercasedKey: key) { return value }
        if let value = principalKeys.value(forLowercasedKey: key) { return value }
        guard principal.type != .anonymous, principal.type != .service else { return nil }
        switch key {
        case "aws:principalarn": return .single(principal.arn)
        case "aws:principalaccount": return principal.accountId.isEmpty ? nil : .single(principal.accountId)
        case "aws:principaltype": return principal.type.contextKeyValue.map { .single($0) }
        case "aws:username":
            guard principal.type == .iamUser, let slash = principal.arn.lastIndex(of: "/") else { return nil }
            return .single(String(principal.arn[principal.arn.index(after: slash)...]))
        default: return nil
        }
    }
}
