// Condition operator names: `[ForAllValues:|ForAnyValue:]<Base>[IfExists]`.
//
// IAM JSON policy elements: Condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
// "You can add IfExists to the end of any condition operator name except the Null
// condition". Operator names are matched exactly, as IAM does.

/// The base condition operators.
public enum ConditionOperator: String, Sendable, Hashable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringNotEquals = "StringNotEquals"
    case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
    case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
    case stringLike = "StringLike"
    case stringNotLike = "StringNotLike"
    case numericEquals = "NumericEquals"
    case numericNotEquals = "NumericNotEquals"
    case numericLessThan = "NumericLessThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThan = "NumericGreaterThan"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case dateEquals = "DateEquals"
    case dateNotEquals = "DateNotEquals"
    case dateLessThan = "DateLessThan"
    case dateLessThanEquals = "DateLessThanEquals"
    case dateGreaterThan = "DateGreaterThan"
    case dateGreaterThanEquals = "DateGreaterThanEquals"
    case bool = "Bool"
    case binaryEquals = "BinaryEquals"
    case ipAddress = "IpAddress"
    case notIpAddress = "NotIpAddress"
    case arnEquals = "ArnEquals"
    case arnLike = "ArnLike"
    case arnNotEquals = "ArnNotEquals"
    case arnNotLike = "ArnNotLike"
    case null = "Null"

    public enum Category: String, Sendable {
        case string, numeric, date, bool, binary, ipAddress, arn, null
    }

    public var category: Category {
        switch self {
        case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
             .stringLike, .stringNotLike:
            return .string
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
             .numericGreaterThan, .numericGreaterThanEquals:
            return .numeric
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
             .dateGreaterThanEquals:
            return .date
        case .bool: return .bool
        case .binaryEquals: return .binary
        case .ipAddress, .notIpAddress: return .ipAddress
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: return .arn
        case .null: return .null
        }
    }

    /// Negated operators hold when no policy value matches ("If a single negated
    /// matching condition operator includes multiple values for a context key, those
    /// values are evaluated using a logical NOR").
    public var isNegated: Bool {
        switch self {
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals,
             .dateNotEquals, .notIpAddress, .arnNotEquals, .arnNotLike:
            return true
        default:
            return false
        }
    }

    /// The operator whose match a negated operator inverts (itself otherwise).
    var positive: ConditionOperator {
        switch self {
        case .stringNotEquals: return .stringEquals
        case .stringNotEqualsIgnoreCase: return .stringEqualsIgnoreCase
        case .stringNotLike: return .stringLike
        case .numericNotEquals: return .numericEquals
        case .dateNotEquals: return .dateEquals
        case .notIpAddress: return .ipAddress
        case .arnNotEquals: return .arnEquals
        case .arnNotLike: return .arnLike
        default: return self
        }
    }

    /// Policy variables may be used with string, ARN and Bool operators only.
    var acceptsVariables: Bool {
        switch category {
        case .string, .arn, .bool: return true
        default: return false
        }
    }
}

/// `ForAllValues:` / `ForAnyValue:`.
public enum SetQualifier: String, Sendable, Hashable {
    case forAllValues = "ForAllValues"
    case forAnyValue = "ForAnyValue"
}

/// A full operator name, e.g. `ForAllValues:StringLikeIfExists`.
public struct QualifiedOperator: Sendable, Hashable, CustomStringConvertible {
    public var qualifier: SetQualifier?
    public var base: ConditionOperator
    public var ifExists: Bool

    public init(qualifier: SetQualifier? = nil, base: ConditionOperator, ifExists: Bool = false) {
        self.qualifier = qualifier
        self.base = base
        self.ifExists = ifExists
    }

    /// Parses an operator name; nil if it is not one IAM knows.
    public init?(parsing name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        if rest.hasPrefix("ForAllValues:") {
            qualifier = .forAllValues
            rest = rest.dropFirst("ForAllValues:".count)
        } else if rest.hasPrefix("ForAnyValue:") {
            qualifier = .forAnyValue
            rest = rest.dropFirst("ForAnyValue:".count)
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = ConditionOperator(rawValue: String(rest)) else { return nil }
        if base == .null && ifExists { return nil }
        self.init(qualifier: qualifier, base: base, ifExists: ifExists)
    }

    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }
}
