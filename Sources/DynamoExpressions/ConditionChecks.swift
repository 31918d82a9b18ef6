/// The checks of a condition that depend on its text alone, in DynamoDB's order: unknown
/// functions, limits, redundant parentheses, misused functions, reserved words. A parse tree
/// that passes them is what the cache keeps. (An unknown function is named even in an
/// expression far over the operator limit: `a < f(f(…(b)…))` nested 1,355 deep answers
/// "Invalid function name; function: f", as ScyllaDB's test_limits.py records from DynamoDB.)
enum ConditionChecks {
    static let functionArity: [String: Int] = [
        "attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2,
        "begins_with": 2, "contains": 2, "size": 1,
    ]

    static func check(_ condition: RawCondition) throws(ExpressionFailure) {
        if let name = firstUnknownFunction(condition) { throw ExpressionFailure(Messages.invalidFunction(name)) }
        var operators = 0
        var tooManyIn: Int?
        count(condition, &operators, &tooManyIn)
        if let n = tooManyIn { throw ExpressionFailure(Messages.tooManyInOperands(n)) }
        if operators > Limits.maxOperators { throw ExpressionFailure(Messages.tooManyOperators(operators)) }
        if hasRedundantParentheses(condition) { throw ExpressionFailure(Messages.redundantParentheses) }
        if let name = firstMisusedFunction(condition, booleanPosition: true) {
            throw ExpressionFailure(Messages.misusedFunction(name))
        }
        if let word = firstReservedWord(condition) { throw ExpressionFailure(Messages.reserved(word)) }
    }

    // MARK: limits

    private static func count(_ c: RawCondition, _ n: inout Int, _ tooManyIn: inout Int?) {
        switch c {
        case .compare(_, let a, let b):
            n += 1; count(a, &n); count(b, &n)
        case .between(let a, let b, let d):
            n += 1; count(a, &n); count(b, &n); count(d, &n)
        case .inList(let a, let list):
            n += 1; count(a, &n)
            for x in list { count(x, &n) }
            if list.count > Limits.maxInOperands, tooManyIn == nil { tooManyIn = list.count }
        case .function(_, let args):
            n += 1
            for x in args { count(x, &n) }
        case .and(let a, let b), .or(let a, let b):
            n += 1; count(a, &n, &tooManyIn); count(b, &n, &tooManyIn)
        case .not(let a):
            n += 1; count(a, &n, &tooManyIn)
        case .group(let a):
            count(a, &n, &tooManyIn)
        }
    }

    private static func count(_ o: RawOperand, _ n: inout Int) {
        switch o {
        case .function(_, let args):
            n += 1
            for x in args { count(x, &n) }
        case .paren(let inner): count(inner, &n)
        case .path, .value: break
        }
    }

    // MARK: parentheses

    static func hasRedundantParentheses(_ c: RawCondition) -> Bool {
        switch c {
        case .group(.group):
            return true
        case .group(let a), .not(let a):
            return hasRedundantParentheses(a)
        case .and(let a, let b), .or(let a, let b):
            return hasRedundantParentheses(a) || hasRedundantParentheses(b)
        case .compare(_, let a, let b):
            return hasRedundantParentheses(a) || hasRedundantParentheses(b)
        case .between(let a, let b, let d):
            return [a, b, d].contains(where: hasRedundantParentheses)
        case .inList(let a, let list):
            return hasRedundantParentheses(a) || list.contains(where: hasRedundantParentheses)
        case .function(_, let args):
            return args.contains(where: hasRedundantParentheses)
        }
    }

    static func hasRedundantParentheses(_ o: RawOperand) -> Bool {
        switch o {
        case .paren(.paren): return true
        case .paren(let inner): return hasRedundantParentheses(inner)
        case .function(_, let args): return args.contains(where: hasRedundantParentheses)
        case .path, .value: return false
        }
    }

    // MARK: functions

    private static func operands(of c: RawCondition) -> [RawOperand] {
        switch c {
        case .compare(_, let a, let b): return [a, b]
        case .between(let a, let b, let d): return [a, b, d]
        case .inList(let a, let list): return [a] + list
        case .function(_, let args): return args
        default: return []
        }
    }

    private static func children(of c: RawCondition) -> [RawCondition] {
        switch c {
        case .and(let a, let b), .or(let a, let b): return [a, b]
        case .not(let a), .group(let a): return [a]
        default: return []
        }
    }

    static func firstUnknownFunction(_ c: RawCondition) -> String? {
        if case .function(let name, _) = c, functionArity[name] == nil { return name }
        for o in operands(of: c) { if let name = firstUnknownFunction(o) { return name } }
        for child in children(of: c) { if let name = firstUnknownFunction(child) { return name } }
        return nil
    }

    static func firstUnknownFunction(_ o: RawOperand) -> String? {
        switch o {
        case .function(let name, let args):
            for a in args { if let inner = firstUnknownFunction(a) { return inner } }
            return functionArity[name] == nil ? name : nil
        case .paren(let inner): return firstUnknownFunction(inner)
        case .path, .value: return nil
        }
    }

    /// `size` in a boolean position, or a boolean function used as an operand.
    static func firstMisusedFunction(_ c: RawCondition, booleanPosition: Bool) -> String? {
        switch c {
        case .function("size", _) where booleanPosition:
            return "size"
        case .group(let a):
            return firstMisusedFunction(a, booleanPosition: booleanPosition)
        case .and(let a, let b), .or(let a, let b):
            return firstMisusedFunction(a, booleanPosition: true) ?? firstMisusedFunction(b, booleanPosition: true)
        case .not(let a):
            return firstMisusedFunction(a, booleanPosition: true)
        default:
            for o in operands(of: c) { if let name = misusedOperand(o) { return name } }
            return nil
        }
    }

    private static func misusedOperand(_ o: RawOperand) -> String? {
        switch o.unwrapped {
        case .function(let name, let args):
            if name != "size" { return name }
            for a in args { if let inner = misusedOperand(a) { return inner } }
            return nil
        default:
            return nil
        }
    }

    // MARK: reserved words

    static func firstReservedWord(_ c: RawCondition) -> String? {
        for o in operands(of: c) { if let word = firstReservedWord(o) { return word } }
        for child in children(of: c) { if let word = firstReservedWord(child) { return word } }
        return nil
    }

    static func firstReservedWord(_ o: RawOperand) -> String? {
        switch o {
        case .path(let path): return path.firstReservedWord
        case .value: return nil
        case .paren(let inner): return firstReservedWord(inner)
        case .function(_, let args):
            for a in args { if let word = firstReservedWord(a) { return word } }
            return nil
        }
    }
}
