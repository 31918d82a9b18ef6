import DynamoModel

/// Checks and resolution of an UpdateExpression, in DynamoDB's order: reserved words,
/// unknown functions and repeated sections (text only, before caching); then undefined
/// names, undefined values, overlapping and conflicting paths, ADD/DELETE operand types and
/// function operands (after substitution).
enum UpdateChecks {
    static let functionArity: [String: Int] = ["if_not_exists": 2, "list_append": 2]

    static func check(_ update: RawUpdate) throws(ExpressionFailure) {
        var operators = 0
        for action in update.actions { if case .set(_, let v) = action { count(v, &operators) } }
        if operators > Limits.maxOperators { throw ExpressionFailure(Messages.tooManyOperators(operators)) }
        for action in update.actions {
            if let word = action.path.firstReservedWord { throw ExpressionFailure(Messages.reserved(word)) }
            if case .set(_, let value) = action, let word = firstReservedWord(value) {
                throw ExpressionFailure(Messages.reserved(word))
            }
        }
        for case .set(_, let value) in update.actions {
            for operand in value.operands {
                if let name = firstUnknownFunction(operand) { throw ExpressionFailure(Messages.invalidFunction(name)) }
            }
        }
        var seen: Set<UpdateSection> = []
        for section in update.sections where !seen.insert(section).inserted {
            throw ExpressionFailure("The \"\(section.rawValue)\" section can only be used once in an update expression;")
        }
    }

    private static func count(_ v: RawSetValue, _ n: inout Int) {
        switch v {
        case .operand(let a): count(a, &n)
        case .plus(let a, let b), .minus(let a, let b): n += 1; count(a, &n); count(b, &n)
        case .paren(let inner): count(inner, &n)
        }
    }

    private static func count(_ o: RawOperand, _ n: inout Int) {
        switch o {
        case .function(_, let args): n += 1; for a in args { count(a, &n) }
        case .paren(let inner): count(inner, &n)
        case .path, .value: break
        }
    }

    private static func firstReservedWord(_ value: RawSetValue) -> String? {
        for operand in value.operands {
            if let word = ConditionChecks.firstReservedWord(operand) { return word }
        }
        return nil
    }

    private static func firstUnknownFunction(_ o: RawOperand) -> String? {
        switch o {
        case .function(let name, let args):
            for a in args { if let inner = firstUnknownFunction(a) { return inner } }
            return functionArity[name] == nil ? name : nil
        case .paren(let inner): return firstUnknownFunction(inner)
        case .path, .value: return nil
        }
    }
}

extension RawSetValue {
    var operands: [RawOperand] {
        switch self {
        case .operand(let a): return [a]
        case .plus(let a, let b), .minus(let a, let b): return [a, b]
        case .paren(let inner): return inner.operands
        }
    }
}

struct UpdateResolver {
    let subs: Substitutions

    func resolve(_ update: RawUpdate) throws(ExpressionFailure) -> [UpdateAction] {
        // 1. Every #name, in the order written; 2. every :value.
        var paths: [DocumentPath] = []
        for action in update.actions {
            paths.append(try subs.resolve(action.path).get())
            if case .set(_, let value) = action {
                for operand in value.operands { try resolveNames(operand) }
            }
        }
        for action in update.actions {
            switch action {
            case .set(_, let value):
                for operand in value.operands { try resolveValues(operand) }
            case .add(_, let name), .delete(_, let name):
                guard subs.value(name) != nil else { throw ExpressionFailure(Messages.undefinedValue(name)) }
            case .remove:
                break
            }
        }
        // 3. Overlapping and conflicting paths.
        if let failure = PathOverlap.check(paths) { throw failure }
        // 4. ADD and DELETE operand types.
        for action in update.actions {
            switch action {
            case .add(_, let name):
                try checkOperator("ADD", subs.value(name)!, allowNumber: true)
            case .delete(_, let name):
                try checkOperator("DELETE", subs.value(name)!, allowNumber: false)
            default:
                break
            }
        }
        // 5. Functions and arithmetic.
        var actions: [UpdateAction] = []
        for (action, path) in zip(update.actions, paths) {
            switch action {
            case .set(_, let value): actions.append(.set(path, try setValue(value)))
            case .remove: actions.append(.remove(path))
            case .add(_, let name): actions.append(.add(path, subs.value(name)!))
            case .delete(_, let name): actions.append(.delete(path, subs.value(name)!))
            }
        }
        return actions
    }

    private func resolveNames(_ o: RawOperand) throws(ExpressionFailure) {
        switch o {
        case .path(let p): _ = try subs.resolve(p).get()
        case .value: break
        case .paren(let inner): try resolveNames(inner)
        case .function(_, let args): for a in args { try resolveNames(a) }
        }
    }

    private func resolveValues(_ o: RawOperand) throws(ExpressionFailure) {
        switch o {
        case .path: break
        case .value(let name):
            guard subs.value(name) != nil else { throw ExpressionFailure(Messages.undefinedValue(name)) }
        case .paren(let inner): try resolveValues(inner)
        case .function(_, let args): for a in args { try resolveValues(a) }
        }
    }

    static func typeName(_ value: AttributeValue) -> String {
        switch value {
        case .s: return "STRING"
        case .n: return "NUMBER"
        case .b: return "BINARY"
        case .null: return "NULL"
        case .bool: return "BOOLEAN"
        case .l: return "LIST"
        case .m: return "MAP"
        case .ss: return "STRING_SET"
        case .ns: return "NUMBER_SET"
        case .bs: return "BINARY_SET"
        }
    }

    private func checkOperator(_ op: String, _ value: AttributeValue, allowNumber: Bool) throws(ExpressionFailure) {
        if value.isSet || (allowNumber && value.typeTag == "N") { return }
        throw ExpressionFailure("Incorrect operand type for operator or function; operator: \(op), operand type: \(Self.typeName(value))")
    }

    private func setValue(_ value: RawSetValue) throws(ExpressionFailure) -> SetValue {
        switch value {
        case .paren(let inner):
            return try setValue(inner)
        case .operand(let a):
            return .operand(try operand(a))
        case .plus(let a, let b), .minus(let a, let b):
            let left = try operand(a), right = try operand(b)
            let symbol: String
            if case .plus = value { symbol = "+" } else { symbol = "-" }
            for o in [left, right] {
                if case .value(let v) = o, v.typeTag != "N" {
                    throw ExpressionFailure(Messages.operandType(symbol, v.typeTag))
                }
            }
            if case .plus = value { return .plus(left, right) }
            return .minus(left, right)
        }
    }

    private func operand(_ raw: RawOperand) throws(ExpressionFailure) -> UpdateOperand {
        switch raw {
        case .paren(let inner):
            return try operand(inner)
        case .path(let p):
            return .path(try subs.resolve(p).get())
        case .value(let name):
            return .value(subs.value(name)!)
        case .function(let name, let args):
            let resolved = try args.map { (a) throws(ExpressionFailure) -> UpdateOperand in try operand(a) }
            if args.count != UpdateChecks.functionArity[name] {
                throw ExpressionFailure(Messages.operandCount(name, args.count))
            }
            if name == "if_not_exists" {
                guard case .path(let path) = resolved[0] else { throw ExpressionFailure(Messages.requiresPath(name)) }
                return .ifNotExists(path, resolved[1])
            }
            for o in resolved {
                if case .value(let v) = o, v.typeTag != "L" {
                    throw ExpressionFailure(Messages.operandType(name, v.typeTag))
                }
            }
            return .listAppend(resolved[0], resolved[1])
        }
    }
}

/// "Two document paths overlap/conflict" for the paths of an update or a projection.
enum PathOverlap {
    static func check(_ paths: [DocumentPath]) -> ExpressionFailure? {
        var conflict: ExpressionFailure?
        for j in paths.indices {
            for i in 0..<j {
                switch relation(paths[i], paths[j]) {
                case .overlap:
                    return ExpressionFailure(Messages.overlap(paths[i].description, paths[j].description))
                case .conflict where conflict == nil:
                    conflict = ExpressionFailure(Messages.conflict(paths[i].description, paths[j].description))
                default:
                    break
                }
            }
        }
        return conflict
    }

    private enum Relation { case disjoint, overlap, conflict }

    private static func relation(_ a: DocumentPath, _ b: DocumentPath) -> Relation {
        for (x, y) in zip(a.elements, b.elements) {
            switch (x, y) {
            case let (.name(p), .name(q)):
                if !p.utf8.elementsEqual(q.utf8) { return .disjoint }
            case let (.index(p), .index(q)):
                if p != q { return .disjoint }
            default:
                return .conflict
            }
        }
        return .overlap
    }
}
