// Does one statement apply to a request? Action, resource, principal, then conditions.
//
// AWS JSON policy elements: NotAction / NotResource: the statement applies to every
// action (resource) except those listed. A Statement whose Allow condition fails is
// not applicable — it neither allows nor denies.

/// State shared by the statements of one evaluation: the request in the forms matching
/// needs, and the trace being collected.
struct EvaluationState {
    let lowercasedAction: String
    let resource: String
    let principal: PrincipalInfo
    let lookup: ContextLookup
    let principalHasBoundary: Bool
    var matched: [MatchedStatement] = []
    var failedConditions: [FailedCondition] = []
    var missingKeys: [String] = []

    init(context: RequestContext, principalHasBoundary: Bool) {
        self.lowercasedAction = context.action.lowercased()
        self.resource = context.resource
        self.principal = context.principal
        self.lookup = ContextLookup(keys: context.keys, principalKeys: context.principalKeys, principal: context.principal)
        self.principalHasBoundary = principalHasBoundary
    }
}

/// What the statements of one kind of policy said.
struct LayerResult {
    var allows: [MatchedStatement] = []
    var denies: [MatchedStatement] = []

    var allowsRequest: Bool { !allows.isEmpty }

    /// The strongest principal match among the Allow statements (resource policies).
    var bestGrant: PrincipalMatch? {
        allows.compactMap(\.principalMatch).max { $0.strength < $1.strength }
    }
}

extension EvaluationState {
    mutating func evaluate(_ policies: [AttachedPolicy], as layer: PolicyLayer) -> LayerResult {
        var result = LayerResult()
        for attached in policies {
            // Borrow the statements rather than copying each one: a copy costs a retain
            // and a release for every reference the statement holds.
            attached.policy.statements.withUnsafeBufferPointer { statements in
                for index in statements.indices {
                    guard let match = applies(statements[index], attached, layer) else { continue }
                    let record = MatchedStatement(
                        policyId: attached.id, policyName: attached.name, sourceType: attached.sourceType,
                        layer: layer, sid: statements[index].sid, statementIndex: statements[index].index,
                        effect: statements[index].effect, startPosition: statements[index].startPosition,
                        endPosition: statements[index].endPosition, principalMatch: match.principal)
                    matched.append(record)
                    if record.effect == .allow {
                        result.allows.append(record)
                    } else {
                        result.denies.append(record)
                    }
                }
            }
        }
        return result
    }

    struct Applicability {
        var principal: PrincipalMatch?
    }

    /// Returns nil when the statement does not apply; otherwise how the principal matched.
    mutating func applies(_ statement: Statement, _ attached: AttachedPolicy, _ layer: PolicyLayer) -> Applicability? {
        switch statement.actions {
        case .action(let patterns):
            guard patterns.contains(where: { $0.matches(lowercasedAction: lowercasedAction) }) else { return nil }
        case .notAction(let patterns):
            guard !patterns.contains(where: { $0.matches(lowercasedAction: lowercasedAction) }) else { return nil }
        }

        switch statement.resources {
        case nil:
            break
        case .resource(let patterns)?:
            var any = false
            for pattern in patterns where pattern.matches(resource, lookup, &missingKeys) {
                any = true
                break
            }
            guard any else { return nil }
        case .notResource(let patterns)?:
            for pattern in patterns where pattern.matches(resource, lookup, &missingKeys) {
                return nil
            }
        }

        var principalMatch: PrincipalMatch?
        switch statement.principals {
        case nil:
            break
        case .principal(let entries)?:
            guard let found = PrincipalMatching.bestMatch(entries, principal) else { return nil }
            principalMatch = found
        case .notPrincipal(let entries)?:
            let forcedByBoundary = statement.effect == .deny && principalHasBoundary
            if !forcedByBoundary && PrincipalMatching.isExcluded(by: entries, principal) { return nil }
            principalMatch = .notPrincipal
        }

        var allHold = true
        for index in statement.conditions.indices {
            let check = statement.conditions[index].evaluate(lookup, missing: &missingKeys)
            if check.satisfied { continue }
            allHold = false
            failedConditions.append(FailedCondition(
                policyId: attached.id, policyName: attached.name, layer: layer, sid: statement.sid,
                statementIndex: statement.index, effect: statement.effect,
                operatorName: statement.conditions[index].operatorName, key: statement.conditions[index].key,
                expectedValues: statement.conditions[index].values, actualValues: check.actual, note: check.note))
        }
        return allHold ? Applicability(principal: principalMatch) : nil
    }
}
