/// Parse trees as written, before `#name`/`:value` substitution. They depend only on the
/// expression text, so they are what `ExpressionCache` keeps.

enum RawPathElement: Sendable, Hashable {
    /// A bare attribute name (subject to the reserved-word check).
    case name(String)
    /// `#name`, substituted from ExpressionAttributeNames.
    case placeholder(String)
    case index(Int)
}

struct RawPath: Sendable, Hashable {
    var elements: [RawPathElement]
}

enum CompareOperator: String, Sendable, Hashable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// The same comparison with its operands swapped (`:v < a` is `a > :v`).
    var swapped: CompareOperator {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        }
    }
}

indirect enum RawOperand: Sendable {
    case path(RawPath)
    /// `:value`, substituted from ExpressionAttributeValues.
    case value(String)
    case function(name: String, args: [RawOperand])
    /// `( operand )`.
    case paren(RawOperand)

    /// The operand without its parentheses.
    var unwrapped: RawOperand {
        if case .paren(let inner) = self { return inner.unwrapped }
        return self
    }
}

indirect enum RawCondition: Sendable {
    case compare(CompareOperator, RawOperand, RawOperand)
    case between(RawOperand, RawOperand, RawOperand)
    case inList(RawOperand, [RawOperand])
    /// A function in a boolean position, e.g. `attribute_exists(a)`.
    case function(name: String, args: [RawOperand])
    case and(RawCondition, RawCondition)
    case or(RawCondition, RawCondition)
    case not(RawCondition)
    /// `( condition )`.
    case group(RawCondition)
}

enum UpdateSection: String, Sendable {
    case set = "SET", remove = "REMOVE", add = "ADD", delete = "DELETE"
}

indirect enum RawSetValue: Sendable {
    case operand(RawOperand)
    case plus(RawOperand, RawOperand)
    case minus(RawOperand, RawOperand)
    case paren(RawSetValue)
}

enum RawUpdateAction: Sendable {
    case set(RawPath, RawSetValue)
    case remove(RawPath)
    case add(RawPath, String)
    case delete(RawPath, String)

    var path: RawPath {
        switch self {
        case .set(let p, _), .remove(let p), .add(let p, _), .delete(let p, _): return p
        }
    }
}

struct RawUpdate: Sendable {
    /// Sections in the order written (a repeated section is an error reported later).
    var sections: [UpdateSection]
    var actions: [RawUpdateAction]
}

struct RawProjection: Sendable {
    var paths: [RawPath]
}
