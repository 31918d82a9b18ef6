import DynamoModel

/// The legacy (pre-expression) request parameters, converted to the same trees as the
/// expressions, with DynamoDB's texts for invalid combinations and arguments.
public enum Legacy {
    /// QueryFilter or ScanFilter.
    public enum FilterKind: Sendable {
        case queryFilter, scanFilter

        var memberName: String { self == .queryFilter ? "queryFilter" : "scanFilter" }
    }

    static let invalid = LegacyComparison.invalid

    /// The members of a legacy map keyed by attribute name (Expected, AttributeUpdates,
    /// QueryFilter/ScanFilter, KeyConditions), each name within DynamoDB's length limit.
    static func members(_ json: JSONValue) throws(DynamoError) -> [(String, JSONValue)] {
        switch json {
        case .object(let members):
            for (name, _) in members { try AttributeValueCodec.checkAttributeName(name) }
            return members
        case .null: return []
        case .array: throw .serialization("Start of list found where not expected")
        default: throw .serialization("Expected map or null")
        }
    }

    static func structure(_ json: JSONValue) throws(DynamoError) -> JSONValue {
        switch json {
        case .object: return json
        case .array: throw .serialization("Start of list found where not expected")
        default: throw .serialization("Expected null")
        }
    }

    /// `Expected`: per attribute either `Value`/`Exists` or `ComparisonOperator` with
    /// `AttributeValueList` (or `Value`), joined by `ConditionalOperator` (default AND).
    public static func expected(_ json: JSONValue, conditionalOperator: String?) throws(DynamoError) -> Condition {
        var nodes: [ConditionNode] = []
        for (name, raw) in try members(json) {
            let entry = try structure(raw)
            let value = try entry["Value"].flatMap { (v) throws(DynamoError) -> AttributeValue? in
                v.isNull ? nil : try AttributeValueCodec.decode(v)
            }
            var exists: Bool?
            if let e = entry["Exists"], !e.isNull {
                guard case .bool(let b) = e else { throw .serialization(booleanTypeError(e)) }
                exists = b
            }
            let listJSON = entry["AttributeValueList"].flatMap { $0.isNull ? nil : $0 }
            if let opJSON = entry["ComparisonOperator"], !opJSON.isNull {
                let op = try LegacyComparison.checkOperator(opJSON, path: "expected.\(name).member.comparisonOperator")
                if exists != nil {
                    throw .validation(invalid + "Exists and ComparisonOperator cannot be used together for Attribute: \(name)")
                }
                if listJSON != nil, value != nil {
                    throw .validation(invalid + "Value and AttributeValueList cannot be used together for Attribute: \(name)")
                }
                let values = try LegacyComparison.decodeList(listJSON) ?? (value.map { [$0] } ?? [])
                let comparison = LegacyComparison(attribute: name, op: op, values: values)
                try comparison.validate()
                nodes.append(comparison.node)
            } else if listJSON != nil {
                throw .validation(invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: \(name)")
            } else if exists ?? true {
                guard let value else {
                    throw .validation(invalid + "Value must be provided when Exists is \(exists == nil ? "null" : "true") for Attribute: \(name)")
                }
                nodes.append(.compare(.equal, .path(DocumentPath(name: name)), .value(value)))
            } else {
                if value != nil {
                    throw .validation(invalid + "Value cannot be used when Exists is false for Attribute: \(name)")
                }
                nodes.append(.notExists(DocumentPath(name: name)))
            }
        }
        return Condition(root: try LegacyComparison.combine(nodes, conditionalOperator: conditionalOperator))
    }

    /// `QueryFilter` / `ScanFilter`: per attribute a `ComparisonOperator` with its
    /// `AttributeValueList`, joined by `ConditionalOperator` (default AND).
    public static func filter(_ json: JSONValue, conditionalOperator: String?, kind: FilterKind) throws(DynamoError) -> Condition {
        var nodes: [ConditionNode] = []
        for comparison in try comparisons(json, member: kind.memberName) {
            try comparison.validate()
            nodes.append(comparison.node)
        }
        return Condition(root: try LegacyComparison.combine(nodes, conditionalOperator: conditionalOperator))
    }

    static func comparisons(_ json: JSONValue, member: String) throws(DynamoError) -> [LegacyComparison] {
        var out: [LegacyComparison] = []
        for (name, raw) in try members(json) {
            let entry = try structure(raw)
            let op = try LegacyComparison.checkOperator(entry["ComparisonOperator"], path: "\(member).\(name).member.comparisonOperator")
            let values = try LegacyComparison.decodeList(entry["AttributeValueList"]) ?? []
            out.append(LegacyComparison(attribute: name, op: op, values: values))
        }
        return out
    }

    /// `AttributesToGet`: a list of top-level attribute names.
    public static func attributesToGet(_ json: JSONValue) throws(DynamoError) -> Projection {
        guard case .array(let elements) = json else {
            if case .object = json { throw .serialization("Start of structure or map found where not expected.") }
            throw .serialization("Expected list or null")
        }
        if elements.isEmpty {
            throw .validation("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        var names: [String] = []
        var seen: Set<[UInt8]> = []
        for element in elements {
            guard case .string(let name) = element else { throw .serialization(LegacyComparison.nonStringMessage(element)) }
            try AttributeValueCodec.checkAttributeName(name)
            if !seen.insert(Array(name.utf8)).inserted {
                throw .validation(invalid + "Duplicate value in attribute name: \(name)")
            }
            names.append(name)
        }
        return Projection(paths: names.map { DocumentPath(name: $0) })
    }

    /// "Can not use both expression and non-expression parameters in the same request": the
    /// names in `legacy` and `expression` that `request` holds (not null), in the order given.
    public static func checkNotMixed(request: JSONValue, legacy: [String], expression: [String]) throws(DynamoError) {
        let present = { (name: String) -> Bool in
            guard let v = request[name] else { return false }
            return !v.isNull
        }
        let legacyPresent = legacy.filter(present)
        let expressionPresent = expression.filter(present)
        if !legacyPresent.isEmpty, !expressionPresent.isEmpty {
            throw .validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {\(legacyPresent.joined(separator: ", "))} Expression parameters: {\(expressionPresent.joined(separator: ", "))}")
        }
    }
}

extension Legacy {
    static func booleanTypeError(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return "'\(s.uppercased())' can not be converted to an Boolean"
        case .number: return "class java.lang.Integer can not be converted to an Boolean"
        case .array: return "Start of list found where not expected"
        default: return "Start of structure or map found where not expected."
        }
    }
}
