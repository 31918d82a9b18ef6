import FoundationEssentials
import WardenSupport

/// The identity part of Warden's config file (`warden serve --config FILE`, JSON or YAML),
/// documented in docs/config.md. Every field but the account id is optional.
public struct IdentityConfig: Codable, Sendable, Equatable {
    public var accounts: [AccountConfig]
    public var organization: OrganizationConfig?
    /// Simulated VPC endpoints: listeners of their own with an endpoint policy.
    public var vpcEndpoints: [VPCEndpointConfig]?

    public init(accounts: [AccountConfig], organization: OrganizationConfig? = nil) {
        self.accounts = accounts
        self.organization = organization
    }

    /// No config file: one account whose root key is given (by default `test`/`test`).
    public static func standard(accountId: String, accessKeyId: String, secretAccessKey: String) -> IdentityConfig {
        IdentityConfig(accounts: [AccountConfig(id: accountId, rootCredentials: [KeyConfig(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey)])])
    }
}

/// A simulated VPC endpoint (`vpcEndpoints` in the config file; docs/config.md).
public struct VPCEndpointConfig: Codable, Sendable, Equatable {
    /// `vpce-…`.
    public var id: String
    /// `vpc-…` (default `vpc-00000000`).
    public var vpcId: String?
    /// The account owning the endpoint (default: the first account).
    public var accountId: FlexibleString?
    /// `HOST:PORT` of its listener (`--vpc-endpoint` can give or override it).
    public var listen: String?
    /// The endpoint policy (default: AWS's full-access policy).
    public var policy: PolicyDocumentValue?

    public init(id: String, vpcId: String? = nil, accountId: String? = nil, listen: String? = nil, policy: PolicyDocumentValue? = nil) {
        self.id = id
        self.vpcId = vpcId
        self.accountId = accountId.map(FlexibleString.init)
        self.listen = listen
        self.policy = policy
    }
}

public struct AccountConfig: Codable, Sendable, Equatable {
    public var id: FlexibleString
    public var alias: String?
    public var rootCredentials: [KeyConfig]?
    public var policies: [ManagedPolicyConfig]?
    public var groups: [GroupConfig]?
    public var users: [UserConfig]?
    public var roles: [RoleConfig]?

    public init(id: String, rootCredentials: [KeyConfig]? = nil) {
        self.id = FlexibleString(id)
        self.rootCredentials = rootCredentials
    }
}

public struct KeyConfig: Codable, Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    /// "Active" (default) or "Inactive".
    public var status: String?

    public init(accessKeyId: String, secretAccessKey: String, status: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.status = status
    }
}

public struct InlinePolicyConfig: Codable, Sendable, Equatable {
    public var name: String
    public var document: PolicyDocumentValue
}

public struct ManagedPolicyConfig: Codable, Sendable, Equatable {
    public var name: String
    public var path: String?
    public var description: String?
    public var document: PolicyDocumentValue
    public var tags: TagsValue?
}

public struct GroupConfig: Codable, Sendable, Equatable {
    public var name: String
    public var path: String?
    public var inlinePolicies: [InlinePolicyConfig]?
    /// Managed policy ARNs, or names of customer managed policies of the same account.
    public var managedPolicies: [String]?
}

public struct UserConfig: Codable, Sendable, Equatable {
    public var name: String
    public var path: String?
    public var tags: TagsValue?
    public var accessKeys: [KeyConfig]?
    public var groups: [String]?
    public var inlinePolicies: [InlinePolicyConfig]?
    public var managedPolicies: [String]?
    public var permissionsBoundary: String?
}

public struct RoleConfig: Codable, Sendable, Equatable {
    public var name: String
    public var path: String?
    public var description: String?
    public var maxSessionDuration: Int?
    /// The trust (assume-role) policy.
    public var trustPolicy: PolicyDocumentValue
    public var tags: TagsValue?
    public var inlinePolicies: [InlinePolicyConfig]?
    public var managedPolicies: [String]?
    public var permissionsBoundary: String?
}

public struct OrganizationConfig: Codable, Sendable, Equatable {
    public var managementAccountId: FlexibleString?
    /// Keep AWS's default FullAWSAccess / RCPFullAWSAccess beside the listed policies
    /// (default true: the listed policies act as deny lists).
    public var keepFullAccess: Bool?
    public var serviceControlPolicies: [OrganizationPolicyConfig]?
    public var resourceControlPolicies: [OrganizationPolicyConfig]?
}

public struct OrganizationPolicyConfig: Codable, Sendable, Equatable {
    public var name: String
    public var document: PolicyDocumentValue
    /// Account ids the policy is attached to (absent: all accounts).
    public var targets: [FlexibleString]?
}

/// A string that YAML may have read as a number (an unquoted account id).
public struct FlexibleString: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public var value: String

    public init(_ value: String) { self.value = value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { value = s; return }
        if let i = try? c.decode(Int64.self) { value = String(i); return }
        throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a string"))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    public var description: String { value }
}

/// A policy document written either as a JSON string or as an object (JSON or YAML).
public struct PolicyDocumentValue: Codable, Sendable, Equatable {
    /// The document as JSON text.
    public var text: String

    public init(_ text: String) { self.text = text }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { text = s; return }
        let value = try c.decode(AnyJSON.self)
        text = value.jsonText
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// Tags written as a map (`{team: blue}`) or as a list of `{Key, Value}` / `{key, value}`.
public struct TagsValue: Codable, Sendable, Equatable {
    public var tags: [Tag]

    public init(_ tags: [Tag]) { self.tags = tags }

    struct Pair: Codable {
        var Key: String?
        var Value: String?
        var key: String?
        var value: String?
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let map = try? c.decode([String: FlexibleString].self) {
            tags = map.keys.sorted().map { Tag(key: $0, value: map[$0]!.value) }
            return
        }
        let pairs = try c.decode([Pair].self)
        tags = pairs.map { Tag(key: $0.Key ?? $0.key ?? "", value: $0.Value ?? $0.value ?? "") }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(tags.map { Pair(Key: $0.key, Value: $0.value) })
    }
}

/// Any JSON value, decoded from JSON or YAML, to turn inline documents back into JSON.
indirect enum AnyJSON: Codable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([AnyJSON])
    case object([(String, AnyJSON)])

    static func == (a: AnyJSON, b: AnyJSON) -> Bool { a.jsonText == b.jsonText }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            // Keys in a stable order: the text is compared across restarts.
            let keys = keyed.allKeys.map(\.stringValue).sorted()
            self = .object(try keys.map { ($0, try keyed.decode(AnyJSON.self, forKey: Key(stringValue: $0))) })
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var items: [AnyJSON] = []
            while !list.isAtEnd { items.append(try list.decode(AnyJSON.self)) }
            self = .array(items)
            return
        }
        let c = try decoder.singleValueContainer()
        // Strings first: YAML scalars decode as text (a YAML 1.1 reader would take "sts:AssumeRole" as a
        // sexagesimal number), and IAM takes numbers and booleans as strings anyway.
        if c.decodeNil() { self = .null }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .number(String(i)) }
        else if let d = try? c.decode(Double.self) { self = .number(String(d)) }
        else { self = .string(try c.decode(String.self)) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(jsonText)
    }

    var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return AnyJSON.quote(s)
        case .array(let items): return "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { AnyJSON.quote($0.0) + ":" + $0.1.jsonText }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\u00" + String(UnicodeScalar(Hex.digit(UInt8(scalar.value >> 4)))) + String(UnicodeScalar(Hex.digit(UInt8(scalar.value & 0xF)))) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
