/// Sorts expressions into conditions and values, as DynamoDB's PartiQL front end does: a
/// WHERE clause must be a condition, SET values and INSERT items must be values, and each
/// operator is refused where it has no meaning, with DynamoDB's texts.
enum PQConditions {
    enum Context {
        case condition, update, insert

        func refusal(_ op: String) -> PQFailure {
            switch self {
            case .condition: return PQFailure(PQMessages.conditionOperator(op))
            case .update, .insert: return PQFailure(PQMessages.updateOperator(op))
            }
        }
    }

    static func isCondition(_ e: PQExpr) -> Bool {
        switch e {
        case .compare, .between, .inList, .isType, .and, .or, .not, .call: return true
        default: return false
        }
    }

    static func condition(_ e: PQExpr) throws(PQFailure) -> PQCondition {
        switch e {
        case .and(let a, let b), .or(let a, let b):
            guard isCondition(a), isCondition(b) else { throw PQFailure(PQMessages.andOrOperand) }
            let left = try condition(a), right = try condition(b)
            if case .and = e { return .and(left, right) }
            return .or(left, right)
        case .not(let a):
            guard isCondition(a) else { throw PQFailure(PQMessages.notOperand) }
            return .not(try condition(a))
        case .compare(let op, let a, let b):
            return .compare(op, try value(a, context: .condition), try value(b, context: .condition))
        case .between(let x, let low, let high, let negated):
            let node = PQCondition.between(try value(x, context: .condition), try value(low, context: .condition),
                                           try value(high, context: .condition))
            return negated ? .not(node) : node
        case .inList(let x, let list, let negated):
            guard case .path = x, case .list(let elements) = list, !elements.isEmpty else { throw PQFailure(PQMessages.invalidIn) }
            var values: [PQValue] = []
            for element in elements { values.append(try value(element, context: .condition)) }
            let node = PQCondition.inList(try value(x, context: .condition), values)
            return negated ? .not(node) : node
        case .isType(let x, let type, let negated):
            switch x {
            case .path, .string, .number, .bool, .null, .parameter: break
            default: throw PQFailure(PQMessages.isOperand)
            }
            let operand: PQValue
            if case .path(let p) = x { operand = .path(p) } else { operand = try value(x, context: .condition) }
            return .isType(operand, type, negated: negated)
        case .call(let name, let args):
            var values: [PQValue] = []
            for arg in args { values.append(try value(arg, context: .condition)) }
            return .function(name, values)
        default:
            throw PQFailure(PQMessages.whereNotBoolean)
        }
    }

    /// A value; `path` names where it sits inside an INSERT item, for number errors.
    static func value(_ e: PQExpr, context: Context) throws(PQFailure) -> PQValue {
        switch e {
        case .path(let p): return .path(p)
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .missing: throw PQFailure(PQMessages.missingLiteral)
        case .parameter(let i): return .parameter(i)
        case .list(let elements):
            var values: [PQValue] = []
            for element in elements { values.append(try value(element, context: context)) }
            return .list(values)
        case .bag(let elements):
            var values: [PQValue] = []
            for element in elements { values.append(try value(element, context: context)) }
            return .bag(values)
        case .map(let members):
            var values: [(String, PQValue)] = []
            for (name, member) in members { values.append((name, try value(member, context: context))) }
            return .map(values)
        case .call(let name, let args):
            var values: [PQValue] = []
            for arg in args { values.append(try value(arg, context: context)) }
            return .function(name, values)
        case .negate(let inner):
            // `--5` and the like: a sign applied to a number literal.
            if case .number(let text) = inner {
                return .number(text.hasPrefix("-") ? String(text.dropFirst()) : "-" + text)
            }
            throw context.refusal("-")
        case .plus(let a, let b), .minus(let a, let b):
            guard case .update = context else { throw context.refusal(e.operatorText) }
            let left = try value(a, context: context), right = try value(b, context: context)
            if case .plus = e { return .plus(left, right) }
            return .minus(left, right)
        case .isType:
            throw context == .condition ? context.refusal("IS") : PQFailure(PQMessages.isInUpdate)
        case .compare, .between, .inList, .and, .or, .not:
            throw context.refusal(e.operatorText)
        }
    }
}

extension PQExpr {
    /// The operator as DynamoDB names it in its refusals.
    var operatorText: String {
        switch self {
        case .plus: return "+"
        case .minus, .negate: return "-"
        case .compare(let op, _, _): return op.rawValue
        case .between: return "BETWEEN"
        case .inList: return "IN"
        case .isType: return "IS"
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .call(let name, _): return name
        default: return "?"
        }
    }
}
