import DynamoModel

/// Binds a statement's `?` parameters and converts what it names into the trees every other
/// operation uses: literals into attribute values, WHERE into a `ConditionNode`, SET and
/// REMOVE into `UpdateAction`s — with the operand checks DynamoDB makes on them.
struct PQBinder {
    let parameters: [AttributeValue]

    // MARK: literals

    /// A literal or parameter as an attribute value; `path` says where it sits (`root`,
    /// `root.name`, `root[1]`) for the number and nesting errors.
    func literal(_ v: PQValue, path: String = "root", level: Int = 1) throws(PQFailure) -> AttributeValue {
        if level > AttributeValueCodec.maxNestingDepth { throw PQFailure(AttributeValueCodec.nestingExceeded) }
        switch v {
        case .string(let s): return .s(s)
        case .number(let text): return .n(try number(text, path: path))
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .parameter(let i): return parameters[i]
        case .list(let elements):
            var out: [AttributeValue] = []
            out.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() { out.append(try literal(element, path: "\(path)[\(i)]", level: level + 1)) }
            return .l(out)
        case .map(let members):
            var out: [AttributeName: AttributeValue] = [:]
            for (name, member) in members {
                if out[AttributeName(name)] != nil { throw PQFailure(PQMessages.duplicateTupleKey(name, path)) }
                do {
                    try AttributeValueCodec.checkAttributeName(name)
                } catch {
                    throw PQFailure(error.message ?? "")
                }
                out[AttributeName(name)] = try literal(member, path: "\(path).\(name)", level: level + 1)
            }
            return .m(out)
        case .bag(let elements):
            return try bag(elements, path: path)
        case .path(let p):
            throw PQFailure("Unsupported token in expression: \(p.documentPath.displayText)")
        case .function, .plus, .minus:
            throw Self.misplaced(v, .update)!
        }
    }

    /// The refusal of a value that has no place here: a function DynamoDB does not know in
    /// this position, or arithmetic outside SET.
    static func misplaced(_ v: PQValue, _ context: PQConditions.Context) -> PQFailure? {
        switch v {
        case .function(let name, _): return PQFailure(PQMessages.unrecognizedFunction(name))
        case .plus: return context.refusal("+")
        case .minus: return context.refusal("-")
        default: return nil
        }
    }

    /// A number literal with DynamoDB's number rules; an exponent past a 32-bit integer is a
    /// statement DynamoDB cannot read at all.
    func number(_ text: String, path: String) throws(PQFailure) -> DynamoNumber {
        if let e = text.utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            let digits = text.utf8[text.utf8.index(after: e)...].drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
                .drop { $0 == UInt8(ascii: "0") }
            if digits.count > 10 || (digits.count == 10 && String(Substring(digits)) > "2147483647") { throw .malformed("") }
        }
        switch DynamoNumber.parse(text) {
        case .success(let n): return n
        case .failure(let f): throw PQFailure("\(f.message(for: text)) under \(path)")
        }
    }

    /// `<<…>>`: a string set or a number set (a binary set only through parameters).
    func bag(_ elements: [PQValue], path: String) throws(PQFailure) -> AttributeValue {
        if elements.isEmpty { throw PQFailure(PQMessages.emptyBag) }
        var values: [AttributeValue] = []
        for (i, element) in elements.enumerated() { values.append(try literal(element, path: "\(path)[\(i)]", level: 2)) }
        let set: AttributeValue
        switch values[0] {
        case .s:
            var strings: [String] = []
            for case .s(let s) in values { strings.append(s) }
            guard strings.count == values.count else { throw PQFailure(PQMessages.bagType) }
            if Set(strings.map { Array($0.utf8) }).count != strings.count { throw duplicates(strings) }
            set = .ss(strings)
        case .n:
            var numbers: [DynamoNumber] = []
            for case .n(let n) in values { numbers.append(n) }
            guard numbers.count == values.count else { throw PQFailure(PQMessages.bagType) }
            if Set(numbers).count != numbers.count { throw duplicates(numbers.map(\.description)) }
            set = .ns(numbers)
        case .b:
            var blobs: [[UInt8]] = []
            for case .b(let b) in values { blobs.append(b) }
            guard blobs.count == values.count else { throw PQFailure(PQMessages.bagType) }
            if Set(blobs).count != blobs.count { throw duplicates(blobs.map { Base64.encode($0) }) }
            set = .bs(blobs)
        default:
            throw PQFailure(PQMessages.bagType)
        }
        return set
    }

    private func duplicates(_ texts: [String]) -> PQFailure {
        PQFailure("One or more parameter values were invalid: Input collection [\(texts.joined(separator: ", "))] contains duplicates.")
    }

    // MARK: conditions

    func condition(_ c: PQCondition) throws(PQFailure) -> ConditionNode {
        switch c {
        case .and(let a, let b): return .and(try condition(a), try condition(b))
        case .or(let a, let b): return .or(try condition(a), try condition(b))
        case .not(let a): return .not(try condition(a))
        case .compare(let op, let a, let b):
            let left = try operand(a), right = try operand(b)
            if op != .equal && op != .notEqual {
                try orderable(op.rawValue, left)
                try orderable(op.rawValue, right)
            }
            return .compare(op, left, right)
        case .between(let x, let low, let high):
            let operands = [try operand(x), try operand(low), try operand(high)]
            for o in operands { try orderable("BETWEEN", o) }
            return .between(operands[0], operands[1], operands[2])
        case .inList(let x, let list):
            if list.count > Limits.maxInOperands { throw PQFailure(Messages.tooManyInOperands(list.count)) }
            var operands: [Operand] = []
            for element in list { operands.append(try operand(element)) }
            return .inList(try operand(x), operands)
        case .isType(let x, let type, let negated):
            let node = try isType(x, type)
            return negated ? .not(node) : node
        case .function(let name, let args):
            return try function(name, args)
        }
    }

    /// `x IS [NOT] type`: MISSING is a missing attribute, the others its type.
    private func isType(_ x: PQValue, _ type: String) throws(PQFailure) -> ConditionNode {
        let tags = ["NULL": "NULL", "BOOLEAN": "BOOL", "BLOB": "B", "STRING": "S", "NUMERIC": "N", "STRUCT": "M", "TUPLE": "M", "LIST": "L"]
        if type == "MISSING" {
            if case .path(let p) = x { return .notExists(p.documentPath) }
            return .constant(false)
        }
        guard let tag = tags[type] else { throw PQFailure(PQMessages.unsupportedIsType(type)) }
        return .attributeType(try operand(x), tag)
    }

    private func function(_ name: String, _ args: [PQValue]) throws(PQFailure) -> ConditionNode {
        let arity = ["begins_with": 2, "contains": 2, "attribute_type": 2, "attribute_exists": 1, "attribute_not_exists": 1]
        guard let expected = arity[name] else { throw PQFailure(PQMessages.unrecognizedFunction(name)) }
        guard args.count == expected else { throw PQFailure(Messages.operandCount(name, args.count)) }
        var operands: [Operand] = []
        for arg in args { operands.append(try operand(arg)) }
        switch name {
        case "attribute_exists", "attribute_not_exists":
            guard let path = operands[0].path else { throw PQFailure(Messages.requiresPath(name)) }
            return name == "attribute_exists" ? .exists(path) : .notExists(path)
        case "begins_with":
            for case .value(let v) in operands where v.typeTag != "S" && v.typeTag != "B" {
                throw PQFailure(Messages.operandType(name, v.typeTag))
            }
            return .beginsWith(operands[0], operands[1])
        case "contains":
            return .contains(operands[0], operands[1])
        default:
            guard case .value(.s(let type)) = operands[1] else {
                throw PQFailure(Messages.operandType(name, operands[1].staticType ?? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"))
            }
            guard Functions.attributeTypes.contains(type) else {
                throw PQFailure("Invalid attribute type name found; type: \(type), valid types: \(Functions.attributeTypesText)")
            }
            return .attributeType(operands[0], type)
        }
    }

    /// A comparison operand: a path, a value, or `size(path)`.
    func operand(_ v: PQValue) throws(PQFailure) -> Operand {
        switch v {
        case .path(let p): return .path(p.documentPath)
        case .function("size", let args):
            guard args.count == 1 else { throw PQFailure(Messages.operandCount("size", args.count)) }
            let inner = try operand(args[0])
            if let type = inner.staticType, ["N", "BOOL", "NULL"].contains(type) {
                throw PQFailure(Messages.operandType("size", type))
            }
            return .size(inner)
        default:
            if let refusal = Self.misplaced(v, .condition) { throw refusal }
            return .value(try literal(v))
        }
    }

    /// Ordering comparisons take strings, numbers and binaries only.
    private func orderable(_ op: String, _ o: Operand) throws(PQFailure) {
        if let type = o.staticType, !["S", "N", "B"].contains(type) { throw PQFailure(Messages.operandType(op, type)) }
    }

    // MARK: updates

    /// SET and REMOVE as update actions: `SET_ADD`/`SET_DELETE` become ADD/DELETE of a set,
    /// `LIST_APPEND` and `+`/`-` the UpdateExpression forms.
    func updateActions(_ actions: [PQUpdateAction]) throws(PQFailure) -> [UpdateAction] {
        var out: [UpdateAction] = []
        for action in actions {
            switch action {
            case .remove(let p):
                out.append(.remove(p.documentPath))
            case .set(let target, let value):
                let path = target.documentPath
                switch value {
                case .function(let name, let args) where name == "set_add" || name == "set_delete":
                    let op = name == "set_add" ? "ADD" : "DELETE"
                    guard args.count == 2 else { throw PQFailure(PQMessages.setOperationArguments(op)) }
                    guard case .path(let first) = args[0], first == target else { throw PQFailure(PQMessages.setOperationFirst(op)) }
                    let set = try literal(args[1])
                    guard set.isSet else { throw PQFailure(PQMessages.setOperationSecond(op)) }
                    out.append(op == "ADD" ? .add(path, set) : .delete(path, set))
                case .plus(let a, let b), .minus(let a, let b):
                    let left = try updateOperand(a), right = try updateOperand(b)
                    let symbol: String
                    if case .plus = value { symbol = "+" } else { symbol = "-" }
                    for case .value(let v) in [left, right] where v.typeTag != "N" {
                        throw PQFailure(Messages.operandType(symbol, v.typeTag))
                    }
                    if case .plus = value { out.append(.set(path, .plus(left, right))) } else { out.append(.set(path, .minus(left, right))) }
                default:
                    out.append(.set(path, .operand(try updateOperand(value))))
                }
            }
        }
        if let failure = PathOverlap.check(out.map(\.path)) { throw PQFailure(failure.message) }
        return out
    }

    private func updateOperand(_ v: PQValue) throws(PQFailure) -> UpdateOperand {
        switch v {
        case .path(let p): return .path(p.documentPath)
        case .function("list_append", let args):
            guard args.count == 2 else { throw PQFailure(Messages.operandCount("list_append", args.count)) }
            let a = try updateOperand(args[0]), b = try updateOperand(args[1])
            for case .value(let value) in [a, b] where value.typeTag != "L" {
                throw PQFailure(Messages.operandType("list_append", value.typeTag))
            }
            return .listAppend(a, b)
        default:
            if let refusal = Self.misplaced(v, .update) { throw refusal }
            return .value(try literal(v))
        }
    }
}

extension Operand {
    /// The type of an operand known before evaluation (values, size()).
    var staticType: String? {
        switch self {
        case .value(let v): return v.typeTag
        case .size: return "N"
        case .path: return nil
        }
    }
}

extension DocumentPath {
    /// The path as written in PartiQL: `a.b[2]`.
    var displayText: String {
        var text = ""
        for (i, element) in elements.enumerated() {
            switch element {
            case .name(let name): text += i == 0 ? name.string : "." + name.string
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
