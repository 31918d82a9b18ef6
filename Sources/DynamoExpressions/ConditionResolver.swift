import DynamoModel

/// Substitutes names and values into a checked condition tree and applies the checks that
/// need them. Errors are found leaf by leaf (a comparison, BETWEEN, IN or function); in the
/// first leaf with any, DynamoDB reports an undefined name or value first, then a wrong
/// number of operands, then non-distinct operands, then operand types.
struct ConditionResolver {
    let subs: Substitutions

    private struct LeafErrors {
        var undefined: String?
        var operandCount: String?
        var distinct: String?
        var type: String?

        var first: String? { undefined ?? operandCount ?? distinct ?? type }
    }

    func resolve(_ raw: RawCondition) throws(ExpressionFailure) -> ConditionNode {
        switch raw {
        case .group(let inner):
            return try resolve(inner)
        case .and(let a, let b):
            let left = try resolve(a)
            return .and(left, try resolve(b))
        case .or(let a, let b):
            let left = try resolve(a)
            return .or(left, try resolve(b))
        case .not(let a):
            return .not(try resolve(a))
        default:
            var errors = LeafErrors()
            let node = resolveLeaf(raw, &errors)
            if let message = errors.first { throw ExpressionFailure(message) }
            return node!
        }
    }

    private func resolveLeaf(_ raw: RawCondition, _ errors: inout LeafErrors) -> ConditionNode? {
        switch raw {
        case .compare(let op, let a, let b):
            let left = operand(a, &errors), right = operand(b, &errors)
            checkDistinct(op.rawValue, left, right, &errors)
            if op != .equal && op != .notEqual {
                for x in [left, right] { checkOrderable(op.rawValue, x, &errors) }
            }
            guard let left, let right else { return nil }
            return .compare(op, left, right)
        case .between(let a, let b, let c):
            let x = operand(a, &errors), low = operand(b, &errors), high = operand(c, &errors)
            for o in [x, low, high] { checkOrderable("BETWEEN", o, &errors) }
            if case .value(let l)? = low, case .value(let h)? = high, Comparison.isOrderable(l), Comparison.isOrderable(h) {
                if l.typeTag != h.typeTag {
                    set(&errors.type, "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: \(Comparison.describe(l)), upper bound operand: AttributeValue: \(Comparison.describe(h))")
                } else if let o = Comparison.order(l, h), o > 0 {
                    set(&errors.type, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: \(Comparison.describe(l)), upper bound operand: AttributeValue: \(Comparison.describe(h))")
                }
            }
            guard let x, let low, let high else { return nil }
            return .between(x, low, high)
        case .inList(let a, let list):
            let x = operand(a, &errors)
            let resolved = list.map { operand($0, &errors) }
            guard let x, !resolved.contains(where: { $0 == nil }) else { return nil }
            return .inList(x, resolved.map { $0! })
        case .function(let name, let args):
            return booleanFunction(name, args, &errors)
        default:
            return nil
        }
    }

    private func set(_ slot: inout String?, _ message: String) {
        if slot == nil { slot = message }
    }

    /// The type of an operand as far as it is known before evaluation (values, size()).
    private func staticType(_ o: Operand?) -> String? {
        switch o {
        case .value(let v)?: return v.typeTag
        case .size?: return "N"
        default: return nil
        }
    }

    private func checkOrderable(_ op: String, _ o: Operand?, _ errors: inout LeafErrors) {
        if let type = staticType(o), !["S", "N", "B"].contains(type) {
            set(&errors.type, Messages.operandType(op, type))
        }
    }

    private func checkDistinct(_ op: String, _ a: Operand?, _ b: Operand?, _ errors: inout LeafErrors) {
        if case .path(let x)? = a, case .path(let y)? = b, x == y {
            set(&errors.distinct, "The first operand must be distinct from the remaining operands for this operator or function; operator: \(op), first operand: \(x)")
        }
    }

    private func operand(_ raw: RawOperand, _ errors: inout LeafErrors) -> Operand? {
        switch raw {
        case .paren(let inner):
            return operand(inner, &errors)
        case .path(let rawPath):
            switch subs.resolve(rawPath) {
            case .success(let path): return .path(path)
            case .failure(let failure): set(&errors.undefined, failure.message); return nil
            }
        case .value(let name):
            guard let value = subs.value(name) else {
                set(&errors.undefined, Messages.undefinedValue(name))
                return nil
            }
            return .value(value)
        case .function(let name, let args):
            // Only size() is allowed as an operand (checked before resolution).
            let resolved = args.map { operand($0, &errors) }
            if args.count != 1 { set(&errors.operandCount, Messages.operandCount(name, args.count)) }
            if let type = staticType(resolved.first ?? nil), ["N", "BOOL", "NULL"].contains(type) {
                set(&errors.type, Messages.operandType(name, type))
            }
            guard args.count == 1, let inner = resolved[0] else { return nil }
            return .size(inner)
        }
    }

    private func booleanFunction(_ name: String, _ args: [RawOperand], _ errors: inout LeafErrors) -> ConditionNode? {
        let resolved = args.map { operand($0, &errors) }
        let arity = ConditionChecks.functionArity[name] ?? 0
        if args.count != arity {
            set(&errors.operandCount, Messages.operandCount(name, args.count))
            return nil
        }
        if arity == 2 { checkDistinct(name, resolved[0], resolved[1], &errors) }
        switch name {
        case "attribute_exists", "attribute_not_exists":
            guard case .path(let path)? = resolved[0] else {
                if resolved[0] != nil { set(&errors.type, Messages.requiresPath(name)) }
                return nil
            }
            return name == "attribute_exists" ? .exists(path) : .notExists(path)
        case "begins_with":
            for o in resolved {
                if let type = staticType(o), type != "S", type != "B" {
                    set(&errors.type, Messages.operandType(name, type))
                }
            }
            guard let a = resolved[0], let b = resolved[1] else { return nil }
            return .beginsWith(a, b)
        case "attribute_type":
            guard let a = resolved[0], let b = resolved[1] else { return nil }
            guard case .value(.s(let typeName)) = b else {
                set(&errors.type, Messages.operandType(name, staticType(b) ?? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"))
                return nil
            }
            guard Functions.attributeTypes.contains(typeName) else {
                set(&errors.type, "Invalid attribute type name found; type: \(typeName), valid types: \(Functions.attributeTypesText)")
                return nil
            }
            return .attributeType(a, typeName)
        case "contains":
            guard let a = resolved[0], let b = resolved[1] else { return nil }
            return .contains(a, b)
        default:
            return nil
        }
    }
}
