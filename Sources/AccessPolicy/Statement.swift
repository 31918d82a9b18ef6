// A parsed policy statement and its elements.

public enum Effect: String, Sendable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}

/// One entry of Action/NotAction, e.g. `dynamodb:Get*`. Matched without regard to case
/// (IAM JSON policy elements: Action — "action names are not case-sensitive").
public struct ActionPattern: Sendable, Hashable {
    public var text: String
    let pattern: WildcardPattern

    init(_ text: String) {
        self.text = text
        self.pattern = WildcardPattern(glob: text.lowercased())
    }

    /// `lowercasedAction` must already be lower-cased.
    func matches(lowercasedAction: String) -> Bool {
        pattern.matches(lowercasedAction)
    }
}

public enum ActionElement: Sendable, Hashable {
    case action([ActionPattern])
    case notAction([ActionPattern])

    public var patterns: [ActionPattern] {
        switch self {
        case .action(let patterns), .notAction(let patterns): return patterns
        }
    }
}

/// One entry of Resource/NotResource: an ARN pattern, case-sensitive, wildcards bound
/// to ARN segments as IAM describes (see Wildcard.swift), possibly holding variables.
public struct ResourcePattern: Sendable, Hashable {
    public var text: String
    let template: PolicyTemplate
    /// Precompiled when the text holds no variables.
    let compiled: WildcardPattern?

    init(_ text: String, variablesEnabled: Bool) {
        self.text = text
        let template = PolicyTemplate(text, variablesEnabled: variablesEnabled)
        self.template = template
        self.compiled = template.isPlainText ? WildcardPattern(glob: text).resourceARNForm() : nil
    }

    /// Matches `resource`; an unresolvable variable makes this entry match nothing
    /// (its key is appended to `missing`).
    func matches(_ resource: String, _ lookup: ContextLookup, _ missing: inout [String]) -> Bool {
        if let compiled { return compiled.matches(resource) }
        guard let pattern = template.resolvedPattern(lookup, unresolved: &missing) else { return false }
        return pattern.resourceARNForm().matches(resource)
    }
}

public enum ResourceElement: Sendable, Hashable {
    case resource([ResourcePattern])
    case notResource([ResourcePattern])

    public var patterns: [ResourcePattern] {
        switch self {
        case .resource(let patterns), .notResource(let patterns): return patterns
        }
    }
}

/// One principal named by Principal/NotPrincipal.
public enum PrincipalEntry: Sendable, Hashable, CustomStringConvertible {
    /// `"Principal": "*"` or `{"AWS": "*"}`: everyone, anonymous callers included.
    case all
    /// `{"AWS": ...}`: an account id, an account root ARN, or a user/role/session ARN.
    case aws(String)
    /// `{"Service": "dynamodb.amazonaws.com"}`
    case service(String)
    /// `{"Federated": "www.amazon.com"}` or a SAML/OIDC provider ARN.
    case federated(String)
    /// `{"CanonicalUser": ...}` (an S3 notion; it never matches a Warden principal).
    case canonicalUser(String)

    public var description: String {
        switch self {
        case .all: return "\"*\""
        case .aws(let value): return "\"AWS\":\"\(value)\""
        case .service(let value): return "\"Service\":\"\(value)\""
        case .federated(let value): return "\"Federated\":\"\(value)\""
        case .canonicalUser(let value): return "\"CanonicalUser\":\"\(value)\""
        }
    }
}

public enum PrincipalElement: Sendable, Hashable {
    case principal([PrincipalEntry])
    case notPrincipal([PrincipalEntry])

    public var entries: [PrincipalEntry] {
        switch self {
        case .principal(let entries), .notPrincipal(let entries): return entries
        }
    }
}

public struct Statement: Sendable, Hashable {
    /// Position of the statement in the policy, counting from 0.
    public var index: Int
    public var sid: String?
    public var effect: Effect
    public var actions: ActionElement
    /// nil when the statement has neither Resource nor NotResource (trust policies).
    public var resources: ResourceElement?
    /// nil when the statement has neither Principal nor NotPrincipal.
    public var principals: PrincipalElement?
    /// The conditions; all of them must hold (AND).
    public var conditions: [Condition]
    /// Where the statement's `{` is, and where its `}` is (1-based line and column).
    public var startPosition: SourcePosition
    public var endPosition: SourcePosition
}
