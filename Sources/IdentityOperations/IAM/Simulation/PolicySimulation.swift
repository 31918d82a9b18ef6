import WardenSupport
import AccessPolicy
import Identity

// SimulatePrincipalPolicy and SimulateCustomPolicy: the policy simulator, answered by the same
// engine that decides real requests. Results are shaped like IAM's (EvalDecision
// allowed/explicitDeny/implicitDeny, MatchedStatements with positions, MissingContextValues).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
//
// One Warden convenience: for SimulatePrincipalPolicy the simulated user's or role's own
// condition keys (aws:PrincipalTag/*, aws:username, aws:userid) are supplied as a real request
// would have them; ContextEntries override them.
enum PolicySimulation {
    struct Request {
        var actions: [String]
        var resources: [String]
        var resourcePolicy: AttachedPolicy?
        var resourceOwner: String?
        var callerArn: String?
        var keys: ContextKeys
    }

    static func request(_ c: QueryContext) throws(IdentityError) -> Request {
        guard let actions = c.params.list("ActionNames"), !actions.isEmpty else {
            throw .validation("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null")
        }
        var resourcePolicy: AttachedPolicy?
        if let text = c.params["ResourcePolicy"] {
            let policy = try parsePolicyDocument(text, kind: .resource)
            resourcePolicy = AttachedPolicy(id: "ResourcePolicy", name: nil, sourceType: .resource, policy: policy)
        }
        return Request(actions: actions, resources: c.params.list("ResourceArns").flatMap { $0.isEmpty ? nil : $0 } ?? ["*"],
                       resourcePolicy: resourcePolicy, resourceOwner: c.params["ResourceOwner"], callerArn: c.params["CallerArn"],
                       keys: try contextEntries(c.params))
    }

    /// `ContextEntries.member.N.{ContextKeyName, ContextKeyValues.member.M, ContextKeyType}`.
    static func contextEntries(_ params: QueryParameters) throws(IdentityError) -> ContextKeys {
        var keys = ContextKeys()
        var n = 1
        while let name = params["ContextEntries.member.\(n).ContextKeyName"] {
            let values = params.list("ContextEntries.member.\(n).ContextKeyValues") ?? []
            let type = params["ContextEntries.member.\(n).ContextKeyType"] ?? "string"
            let valid = ["string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList",
                         "binary", "binaryList", "date", "dateList"]
            guard valid.contains(type) else {
                throw .validation("1 validation error detected: Value '\(type)' at 'contextEntries.\(n).member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: [\(valid.joined(separator: ", "))]")
            }
            keys[name] = type.hasSuffix("List") ? .multiple(values) : .single(values.first ?? "")
            n += 1
        }
        return keys
    }

    /// Evaluates every action on every resource.
    static func evaluate(_ r: Request, base: (String, String) -> EvaluationInput) -> [XML] {
        var members: [[XML]] = []
        for action in r.actions {
            for resource in r.resources {
                let decision = Evaluator.evaluate(base(action, resource))
                members.append(result(action: action, resource: resource, decision: decision))
            }
        }
        return [.bool("IsTruncated", false), .members("EvaluationResults", members)]
    }

    static func result(action: String, resource: String, decision: Decision) -> [XML] {
        let evalDecision: String
        switch decision.outcome {
        case .allow: evalDecision = "allowed"
        case .explicitDeny: evalDecision = "explicitDeny"
        case .implicitDeny: evalDecision = "implicitDeny"
        }
        // The statements that decided: the allows of an allowed result, the denies of a denied one.
        let deciding = decision.matchedStatements.filter { decision.outcome == .allow ? $0.effect == .allow : $0.effect == .deny }
        return [
            .leaf("EvalActionName", action),
            .leaf("EvalResourceName", resource),
            .leaf("EvalDecision", evalDecision),
            .members("MatchedStatements", deciding.map { s in [
                .leaf("SourcePolicyId", s.policyId),
                .leaf("SourcePolicyType", s.sourceType.rawValue),
                .node("StartPosition", [.int("Line", s.startPosition.line), .int("Column", s.startPosition.column)]),
                .node("EndPosition", [.int("Line", s.endPosition.line), .int("Column", s.endPosition.column)]),
            ] }),
            .stringMembers("MissingContextValues", decision.missingContextKeys.sorted()),
        ]
    }

    /// `PolicyInputList.member.N` (identity policies to add or simulate).
    static func inputPolicies(_ c: QueryContext, _ name: String, kind: PolicyKind) throws(IdentityError) -> [AttachedPolicy] {
        var out: [AttachedPolicy] = []
        for (i, text) in (c.params.list(name) ?? []).enumerated() {
            let policy = try parsePolicyDocument(text, kind: kind)
            out.append(AttachedPolicy(id: "PolicyInputList.\(i + 1)", name: nil, sourceType: .none, policy: policy))
        }
        return out
    }
}
