// Turns policy JSON into a typed `Policy`, checking it in the order IAM does (as IAM's
// recorded answers in moto's tests/test_iam/test_iam_policies.py show): the whole
// document's syntax; the Version for managed policies; the principal rules of the
// policy's kind; legacy parsing (Effect spelling, date values, ARN shape); SID
// uniqueness; presence of actions; resource formats; action prefixes; presence of
// resources. The first failing check decides the message, as with IAM.

struct PolicyParser {
    let kind: PolicyKind
    /// Refuse a missing Version or 2008-10-17, as CreatePolicy does for managed policies.
    var requireCurrentVersion = false

    private struct RawCondition {
        var operatorName: String
        var operation: QualifiedOperator
        var key: String
        var values: [String]
        var position: SourcePosition
    }

    private struct RawStatement {
        var sid: String?
        var effect: String
        var effectPosition: SourcePosition
        var actions: (negated: Bool, values: [String])?
        var resources: (negated: Bool, values: [String])?
        var principals: (negated: Bool, entries: [PrincipalEntry])?
        var principalPosition: SourcePosition?
        var resourcePosition: SourcePosition?
        var conditions: [RawCondition] = []
        var start: SourcePosition
        var end: SourcePosition
    }

    private static let topLevelElements: Set<String> = ["Version", "Id", "Statement"]
    private static let statementElements: Set<String> = [
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
    ]

    private func syntax(_ detail: String, _ position: SourcePosition?) -> PolicyParseError {
        PolicyParseError(message: MalformedPolicyMessage.syntaxErrors, detail: detail, position: position)
    }

    func parse(_ text: String) throws(PolicyParseError) -> Policy {
        let root: JSONNode
        do {
            root = try PolicyJSONReader.read(text)
        } catch {
            throw syntax("not valid JSON: \(error.reason)", error.position)
        }
        guard let members = root.value.lastWinsMembers else {
            throw syntax("the document is not a JSON object", root.start)
        }
        var version: String?
        var id: String?
        var statementNodes: [JSONNode] = []
        var sawStatement = false
        for member in members {
            guard Self.topLevelElements.contains(member.key) else {
                throw syntax("unknown element \"\(member.key)\"", member.keyPosition)
            }
            switch member.key {
            case "Version":
                guard case .string(let value) = member.node.value,
                      value == Policy.version2012 || value == Policy.version2008 else {
                    throw syntax("Version must be \"2012-10-17\" or \"2008-10-17\"", member.node.start)
                }
                version = value
            case "Id":
                guard case .string(let value) = member.node.value else {
                    throw syntax("Id must be a string", member.node.start)
                }
                id = value
            default:
                sawStatement = true
                switch member.node.value {
                case .object: statementNodes = [member.node]
                case .array(let items): statementNodes = items
                default: throw syntax("Statement must be an object or an array", member.node.start)
                }
            }
        }
        guard sawStatement else { throw syntax("the Statement element is missing", root.start) }
        guard !statementNodes.isEmpty else { throw syntax("Statement is empty", root.start) }

        // 1. Syntax of every statement.
        var raws: [RawStatement] = []
        for node in statementNodes { raws.append(try readStatement(node)) }

        if requireCurrentVersion && version != Policy.version2012 {
            throw PolicyParseError(message: MalformedPolicyMessage.versionTooOld,
                                   detail: "a managed policy needs \"Version\": \"2012-10-17\"", position: root.start)
        }

        // 2. Principal rules of this kind of policy.
        for raw in raws { try checkPrincipalRules(raw) }

        // 3. Legacy parsing.
        for raw in raws {
            if raw.effect != "Allow" && raw.effect != "Deny" {
                throw PolicyParseError(message: MalformedPolicyMessage.legacyParsing,
                                       detail: "Effect must be spelled \"Allow\" or \"Deny\"", position: raw.effectPosition)
            }
            for condition in raw.conditions where condition.operation.base.category == .date {
                for value in condition.values where DateConditions.parse(value) == nil {
                    throw PolicyParseError(message: MalformedPolicyMessage.legacyParsing,
                                           detail: "\"\(value)\" is not a date", position: condition.position)
                }
            }
            for value in raw.resources?.values ?? [] {
                if case .legacy = PolicyValidation.resourceProblem(value) {
                    throw PolicyParseError(message: MalformedPolicyMessage.legacyParsing,
                                           detail: "\"\(value)\" is not a well-formed ARN", position: raw.resourcePosition)
                }
            }
        }

        // 4. Statement ids.
        var sids: Set<String> = []
        for raw in raws {
            guard let sid = raw.sid, !sid.isEmpty else { continue }
            if !sids.insert(sid).inserted {
                throw PolicyParseError(message: MalformedPolicyMessage.sidsMustBeUnique,
                                       detail: "Sid \"\(sid)\" appears twice", position: raw.start)
            }
            if (kind == .identity || kind == .boundary) && !PolicyValidation.sidIsAlphanumeric(sid) {
                throw PolicyParseError(message: MalformedPolicyMessage.sidMustBeAlphanumeric,
                                       detail: "Sid \"\(sid)\"", position: raw.start)
            }
        }

        // 5. Actions must be present; then resource formats, action prefixes, and only then
        //    the presence of resources (IAM reports a bad action in a statement that also
        //    lacks resources as the bad action).
        for raw in raws where raw.actions == nil || raw.actions!.values.isEmpty {
            throw PolicyParseError(message: MalformedPolicyMessage.mustContainActions,
                                   detail: "statement has no Action or NotAction", position: raw.start)
        }
        for raw in raws {
            for value in raw.resources?.values ?? [] {
                if case .format(let message) = PolicyValidation.resourceProblem(value) {
                    throw PolicyParseError(message: message, detail: "resource \"\(value)\"", position: raw.resourcePosition)
                }
            }
        }
        for raw in raws {
            for value in raw.actions?.values ?? [] {
                if let message = PolicyValidation.actionProblem(value) {
                    throw PolicyParseError(message: message, detail: "action \"\(value)\"", position: raw.start)
                }
            }
        }
        if kind != .trust {
            for raw in raws where raw.resources == nil || raw.resources!.values.isEmpty {
                throw PolicyParseError(message: MalformedPolicyMessage.mustContainResources,
                                       detail: "statement has no Resource or NotResource", position: raw.start)
            }
        }

        let variablesEnabled = version == Policy.version2012
        let statements = raws.enumerated().map { index, raw in
            build(raw, index: index, variablesEnabled: variablesEnabled)
        }
        return Policy(kind: kind, version: version, id: id, statements: statements)
    }

    private func checkPrincipalRules(_ raw: RawStatement) throws(PolicyParseError) {
        switch kind {
        case .identity, .boundary, .session:
            if raw.principals != nil {
                throw PolicyParseError(message: MalformedPolicyMessage.shouldNotSpecifyPrincipal,
                                       detail: "a \(kind.rawValue) policy cannot name principals",
                                       position: raw.principalPosition)
            }
        case .serviceControl:
            if raw.principals != nil {
                throw PolicyParseError(message: MalformedPolicyMessage.organizationsPolicyType,
                                       detail: "a service control policy cannot name principals",
                                       position: raw.principalPosition)
            }
        case .resourceControl:
            if raw.principals == nil {
                throw PolicyParseError(message: MalformedPolicyMessage.organizationsPolicyType,
                                       detail: "a resource control policy must have a Principal", position: raw.start)
            }
        case .resource, .trust:
            if raw.principals == nil {
                throw PolicyParseError(message: MalformedPolicyMessage.missingPrincipal,
                                       detail: "statement has no Principal or NotPrincipal", position: raw.start)
            }
            if kind == .trust && raw.resources != nil {
                throw PolicyParseError(message: MalformedPolicyMessage.prohibitedResource,
                                       detail: "a trust policy cannot name resources", position: raw.resourcePosition)
            }
        }
        for entry in raw.principals?.entries ?? [] {
            if case .aws(let value) = entry, !PolicyValidation.awsPrincipalIsValid(value) {
                throw PolicyParseError(message: MalformedPolicyMessage.invalidPrincipal(entry),
                                       detail: "not an account id or IAM ARN", position: raw.principalPosition)
            }
        }
    }

    private func build(_ raw: RawStatement, index: Int, variablesEnabled: Bool) -> Statement {
        let actionPatterns = (raw.actions?.values ?? []).map(ActionPattern.init)
        let actions: ActionElement = raw.actions?.negated == true ? .notAction(actionPatterns) : .action(actionPatterns)
        var resources: ResourceElement?
        if let raw = raw.resources {
            let patterns = raw.values.map { ResourcePattern($0, variablesEnabled: variablesEnabled) }
            resources = raw.negated ? .notResource(patterns) : .resource(patterns)
        }
        var principals: PrincipalElement?
        if let raw = raw.principals {
            principals = raw.negated ? .notPrincipal(raw.entries) : .principal(raw.entries)
        }
        let conditions = raw.conditions.map {
            Condition(operation: $0.operation, key: $0.key, values: $0.values, position: $0.position,
                      variablesEnabled: variablesEnabled)
        }
        return Statement(index: index, sid: raw.sid, effect: raw.effect == "Deny" ? .deny : .allow,
                         actions: actions, resources: resources, principals: principals,
                         conditions: conditions, startPosition: raw.start, endPosition: raw.end)
    }

    // MARK: - Syntax

    private func readStatement(_ node: JSONNode) throws(PolicyParseError) -> RawStatement {
        guard let members = node.value.lastWinsMembers else {
            throw syntax("a statement must be an object", node.start)
        }
        var raw = RawStatement(effect: "", effectPosition: node.start, start: node.start, end: node.end)
        var sawEffect = false
        for member in members {
            guard Self.statementElements.contains(member.key) else {
                throw syntax("unknown statement element \"\(member.key)\"", member.keyPosition)
            }
            let value = member.node
            switch member.key {
            case "Sid":
                guard case .string(let sid) = value.value else { throw syntax("Sid must be a string", value.start) }
                raw.sid = sid
            case "Effect":
                guard case .string(let effect) = value.value,
                      effect.lowercased() == "allow" || effect.lowercased() == "deny" else {
                    throw syntax("Effect must be \"Allow\" or \"Deny\"", value.start)
                }
                raw.effect = effect
                raw.effectPosition = value.start
                sawEffect = true
            case "Action", "NotAction":
                guard raw.actions == nil else { throw syntax("Action and NotAction together", member.keyPosition) }
                raw.actions = (member.key == "NotAction", try stringList(value, member.key))
            case "Resource", "NotResource":
                guard raw.resources == nil else { throw syntax("Resource and NotResource together", member.keyPosition) }
                raw.resources = (member.key == "NotResource", try stringList(value, member.key))
                raw.resourcePosition = member.keyPosition
            case "Principal", "NotPrincipal":
                guard raw.principals == nil else {
                    throw syntax("Principal and NotPrincipal together", member.keyPosition)
                }
                raw.principals = (member.key == "NotPrincipal", try principalEntries(value, member.key))
                raw.principalPosition = member.keyPosition
            default:
                raw.conditions = try conditions(value)
            }
        }
        guard sawEffect else { throw syntax("statement has no Effect", node.start) }
        return raw
    }

    private func stringList(_ node: JSONNode, _ element: String) throws(PolicyParseError) -> [String] {
        switch node.value {
        case .string(let value):
            return [value]
        case .array(let items):
            var out: [String] = []
            for item in items {
                guard case .string(let value) = item.value else {
                    throw syntax("\(element) entries must be strings", item.start)
                }
                out.append(value)
            }
            return out
        default:
            throw syntax("\(element) must be a string or an array of strings", node.start)
        }
    }

    private func principalEntries(_ node: JSONNode, _ element: String) throws(PolicyParseError) -> [PrincipalEntry] {
        if case .string(let value) = node.value {
            guard value == "*" else { throw syntax("\(element) as a string must be \"*\"", node.start) }
            return [.all]
        }
        guard let members = node.value.lastWinsMembers else {
            throw syntax("\(element) must be \"*\" or an object", node.start)
        }
        var entries: [PrincipalEntry] = []
        for member in members {
            let values = try stringList(member.node, "\(element) \(member.key)")
            switch member.key {
            case "AWS": entries += values.map { $0 == "*" ? .all : .aws($0) }
            case "Service": entries += values.map { .service($0) }
            case "Federated": entries += values.map { .federated($0) }
            case "CanonicalUser": entries += values.map { .canonicalUser($0) }
            default: throw syntax("unknown principal type \"\(member.key)\"", member.keyPosition)
            }
        }
        return entries
    }

    private func conditions(_ node: JSONNode) throws(PolicyParseError) -> [RawCondition] {
        guard let blocks = node.value.lastWinsMembers else {
            throw syntax("Condition must be an object", node.start)
        }
        var out: [RawCondition] = []
        for block in blocks {
            guard let keys = block.node.value.lastWinsMembers else {
                throw syntax("the body of \(block.key) must be an object", block.node.start)
            }
            guard let operation = QualifiedOperator(parsing: block.key) else {
                if keys.isEmpty { continue }  // IAM accepts an unknown operator with an empty body.
                throw syntax("unknown condition operator \"\(block.key)\"", block.keyPosition)
            }
            for key in keys {
                out.append(RawCondition(operatorName: block.key, operation: operation, key: key.key,
                                        values: try conditionValues(key.node), position: key.keyPosition))
            }
        }
        return out
    }

    private func conditionValues(_ node: JSONNode) throws(PolicyParseError) -> [String] {
        func scalar(_ node: JSONNode) throws(PolicyParseError) -> String {
            switch node.value {
            case .string(let value): return value
            case .number(let text): return text
            case .bool(let value): return value ? "true" : "false"
            default: throw syntax("condition values must be strings, numbers or booleans", node.start)
            }
        }
        if case .array(let items) = node.value {
            var out: [String] = []
            for item in items { out.append(try scalar(item)) }
            return out
        }
        return [try scalar(node)]
    }
}
