// One condition: an operator, a context key and the policy's values, compiled once at
// parse time, and its evaluation against a request.
//
// Rules (IAM JSON policy elements: Condition operators; Conditions with multiple context
// keys or values; Single-valued vs. multivalued context keys):
// - several values for one key are OR; a negated operator's values are NOR;
// - "If the key that you specify in a policy condition is not present in the request
//   context, the values do not match and the condition is false. If the policy condition
//   requires that the key is not matched, such as StringNotLike or ArnNotLike, and the
//   right key is not present, the condition is true";
// - `...IfExists`: an absent key makes the condition true;
// - `ForAllValues`: true when every request value matches some policy value, and true
//   when the key is absent or its set is empty (the documented pitfall: a Scan carries
//   no dynamodb:LeadingKeys, so ForAllValues:StringEquals on it passes);
// - `ForAnyValue`: true when some request value matches; false when absent or empty;
// - with a negated operator the set qualifier applies to the negated per-value test
//   (ForAllValues:StringNotEquals = no request value equals any policy value);
// - without a qualifier, a multivalued key matches when any of its values matches.
// A value that cannot be read as the operator's type (a non-number under NumericEquals,
// on either side) makes the whole condition false, for negated operators too.

/// A compiled policy value.
enum CompiledConditionValue: Sendable, Hashable {
    /// String/ARN/Bool text holding policy variables, resolved per request.
    case template(PolicyTemplate)
    /// StringEquals-style exact text (lower-cased for the IgnoreCase operators).
    case exact(String)
    /// StringLike pattern, or an ArnLike pattern that is not a six-part ARN.
    case glob(WildcardPattern)
    /// ArnLike/ArnEquals pattern, one wildcard pattern per ARN component.
    case arn([WildcardPattern])
    case number(Double?)
    case date(Double?)
    case ip(IPRange?)
    case binary([UInt8]?)
    case boolean(Bool?)
    case null(Bool?)
}

public struct Condition: Sendable, Hashable {
    /// The operator as parsed.
    public var operation: QualifiedOperator
    /// The context key as written in the policy.
    public var key: String
    /// The policy's values as written (numbers and booleans as their JSON text).
    public var values: [String]
    /// Where the key appears in the policy text.
    public var position: SourcePosition

    let lookupKey: String
    let compiled: [CompiledConditionValue]

    init(operation: QualifiedOperator, key: String, values: [String], position: SourcePosition, variablesEnabled: Bool) {
        self.operation = operation
        self.key = key
        self.values = values
        self.position = position
        self.lookupKey = key.lowercased()
        let useVariables = variablesEnabled && operation.base.acceptsVariables
        self.compiled = values.map { Self.compile($0, operation.base, variablesEnabled: useVariables) }
    }

    /// The operator name as IAM spells it, e.g. `ForAllValues:StringEquals`.
    public var operatorName: String { operation.description }

    /// Policy variables referenced by the values.
    var variableNames: [String] {
        compiled.flatMap { value -> [String] in
            if case .template(let template) = value { return template.variableNames }
            return []
        }
    }

    static func compile(_ text: String, _ op: ConditionOperator, variablesEnabled: Bool) -> CompiledConditionValue {
        switch op.category {
        case .string, .arn, .bool:
            let template = PolicyTemplate(text, variablesEnabled: variablesEnabled)
            if !template.isPlainText { return .template(template) }
            switch op.category {
            case .string: return StringConditions.compile(text, op)
            case .arn: return ArnConditions.compile(text)
            default: return .boolean(BoolConditions.parse(text))
            }
        case .numeric: return .number(NumericConditions.parse(text))
        case .date: return .date(DateConditions.parse(text))
        case .ipAddress: return .ip(IPRange(parsing: text))
        case .binary: return .binary(BinaryConditions.decode(text))
        case .null: return .null(BoolConditions.parse(text))
        }
    }

    /// The outcome of checking a condition against a request.
    struct Check {
        var satisfied: Bool
        /// The request's values, or nil when the key is absent.
        var actual: [String]?
        /// Why a value could not be compared, if that is what decided.
        var note: String?
    }

    /// Evaluates the condition. Keys (and variable keys) the context lacks are appended
    /// to `missing`.
    func evaluate(_ lookup: ContextLookup, missing: inout [String]) -> Check {
        let present = lookup.value(forLowercasedKey: lookupKey)
        let requestValues = present?.values ?? []
        let op = operation.base

        if op == .null {
            let isNull = requestValues.isEmpty
            if present == nil { missing.append(key) }
            var typeError = false
            let satisfied = compiled.contains { value in
                guard case .null(let wanted) = value else { return false }
                guard let wanted else { typeError = true; return false }
                return wanted == isNull
            }
            return Check(satisfied: satisfied && !typeError, actual: present?.values,
                         note: typeError ? "a Null value must be true or false" : nil)
        }

        if requestValues.isEmpty {
            if present == nil { missing.append(key) }
            let satisfied: Bool
            if operation.ifExists {
                satisfied = true
            } else {
                switch operation.qualifier {
                case .forAllValues: satisfied = true
                case .forAnyValue: satisfied = false
                case nil: satisfied = op.isNegated
                }
            }
            return Check(satisfied: satisfied, actual: present?.values, note: nil)
        }

        var note: String?
        var flags: [Bool] = []
        flags.reserveCapacity(requestValues.count)
        for requestValue in requestValues {
            switch matchesAnyPolicyValue(requestValue, lookup, &missing) {
            case .success(let matched): flags.append(matched)
            case .failure(let problem):
                note = problem.reason
                return Check(satisfied: false, actual: requestValues, note: note)
            }
        }
        let negated = op.isNegated
        let satisfied: Bool
        switch operation.qualifier {
        case nil:
            let any = flags.contains(true)
            satisfied = negated ? !any : any
        case .forAllValues:
            satisfied = flags.allSatisfy { negated ? !$0 : $0 }
        case .forAnyValue:
            satisfied = flags.contains { negated ? !$0 : $0 }
        }
        return Check(satisfied: satisfied, actual: requestValues, note: note)
    }

    struct TypeProblem: Error {
        var reason: String
    }

    /// Does one request value match at least one policy value under the operator's
    /// positive form?
    private func matchesAnyPolicyValue(
        _ requestValue: String, _ lookup: ContextLookup, _ missing: inout [String]
    ) -> Result<Bool, TypeProblem> {
        let op = operation.base.positive
        switch op.category {
        case .string:
            return .success(StringConditions.matches(requestValue, compiled, op, lookup, &missing))
        case .arn:
            return .success(ArnConditions.matches(requestValue, compiled, lookup, &missing))
        case .bool:
            return BoolConditions.matches(requestValue, compiled, lookup, &missing)
        case .numeric:
            return NumericConditions.matches(requestValue, compiled, op)
        case .date:
            return DateConditions.matches(requestValue, compiled, op)
        case .ipAddress:
            return IPConditions.matches(requestValue, compiled)
        case .binary:
            return BinaryConditions.matches(requestValue, compiled)
        case .null:
            return .success(false)
        }
    }
}
