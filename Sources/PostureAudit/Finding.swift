/// How much a finding matters. Ordered: `info < low < medium < high < critical`.
public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case info, low, medium, high, critical

    public var name: String {
        switch self {
        case .info: return "info"
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        case .critical: return "critical"
        }
    }

    public init?(name: String) {
        guard let found = Severity.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = found
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// One problem on one resource: which rule found it, how bad it is, why it matters and the
/// AWS CLI line that fixes it.
public struct Finding: Sendable, Equatable {
    public var ruleId: String
    public var severity: Severity
    public var resourceArn: String
    public var title: String
    public var why: String
    public var fix: String

    public init(rule: Rule, severity: Severity? = nil, resourceArn: String, title: String? = nil, why: String? = nil, fix: String) {
        ruleId = rule.id
        self.severity = severity ?? rule.severity
        self.resourceArn = resourceArn
        self.title = title ?? rule.title
        self.why = why ?? rule.why
        self.fix = fix
    }
}
