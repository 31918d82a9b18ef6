// A parsed policy document.

/// Where a policy is used. It decides which elements the document must and must not have.
public enum PolicyKind: String, Sendable, Hashable, CaseIterable {
    /// Attached to a user, group or role (no Principal).
    case identity
    /// Attached to a resource, e.g. a DynamoDB table policy (Principal required).
    case resource
    /// A role's trust policy (Principal required, no Resource).
    case trust
    /// A permissions boundary (no Principal).
    case boundary
    /// A session policy passed to AssumeRole*/GetFederationToken (no Principal).
    case session
    /// An AWS Organizations service control policy (no Principal).
    case serviceControl
    /// An AWS Organizations resource control policy (Principal required).
    case resourceControl

    /// Kinds whose statements name principals.
    var requiresPrincipal: Bool {
        switch self {
        case .resource, .trust, .resourceControl: return true
        default: return false
        }
    }
}

public struct Policy: Sendable, Hashable {
    public var kind: PolicyKind
    /// The Version element as written, or nil when absent (2008-10-17 semantics).
    public var version: String?
    public var id: String?
    public var statements: [Statement]

    /// Policy variables are only recognised in Version 2012-10-17 policies.
    public var variablesEnabled: Bool { version == Policy.version2012 }

    public static let version2012 = "2012-10-17"
    public static let version2008 = "2008-10-17"

    public init(kind: PolicyKind, version: String?, id: String?, statements: [Statement]) {
        self.kind = kind
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// Parses and validates a policy document, as IAM does when the policy is created.
    /// Throws IAM's MalformedPolicyDocument text in `PolicyParseError.message`.
    /// Version 2008-10-17 (or no Version) is accepted, as for inline and resource
    /// policies; pass `requireCurrentVersion: true` for managed policies, which IAM
    /// refuses with "Policy document must be version 2012-10-17 or greater.".
    public static func parse(
        _ text: String, kind: PolicyKind, requireCurrentVersion: Bool = false
    ) throws(PolicyParseError) -> Policy {
        try PolicyParser(kind: kind, requireCurrentVersion: requireCurrentVersion).parse(text)
    }
}

/// A policy document IAM would refuse. `message` is IAM's MalformedPolicyDocument text;
/// `detail` says, for people, what exactly is wrong and `position` where.
public struct PolicyParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var detail: String
    public var position: SourcePosition?

    public init(message: String, detail: String, position: SourcePosition? = nil) {
        self.message = message
        self.detail = detail
        self.position = position
    }

    public var description: String {
        var text = "MalformedPolicyDocument: \(message)"
        if !detail.isEmpty { text += " (\(detail)" + (position.map { " at \($0)" } ?? "") + ")" }
        return text
    }
}
