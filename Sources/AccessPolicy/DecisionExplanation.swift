// `Decision.explain()`: the decision and its reasons in plain words, for `warden explain`.

extension Decision {
    public func explain() -> String {
        var lines: [String] = []
        let verdict: String
        switch outcome {
        case .allow: verdict = "ALLOWED"
        case .explicitDeny: verdict = "DENIED (explicit deny)"
        case .implicitDeny: verdict = "DENIED (implicit deny)"
        }
        lines.append("\(verdict): \(principalArn) → \(action) on \(resource)")
        switch outcome {
        case .allow:
            let layers = grantedBy.map(\.rawValue).joined(separator: " and ")
            lines.append("Granted by: \(layers.isEmpty ? "nothing" : layers)")
        case .explicitDeny, .implicitDeny:
            lines.append("Message: \(accessDeniedMessage)")
        }
        lines.append(isCrossAccount ? "Scope: cross-account" : "Scope: same account")

        if !notes.isEmpty {
            lines.append("How it was decided:")
            for note in notes { lines.append("  - \(note)") }
        }

        let allows = matched(.allow)
        let denies = matched(.deny)
        if denies.isEmpty && allows.isEmpty {
            lines.append("No statement applied to the request.")
        }
        if !denies.isEmpty {
            lines.append("Statements that deny:")
            for statement in denies { lines.append("  - " + Self.describe(statement)) }
        }
        if !allows.isEmpty {
            lines.append("Statements that allow:")
            for statement in allows { lines.append("  - " + Self.describe(statement)) }
        }
        if !failedConditions.isEmpty {
            lines.append("Conditions that did not hold (their statements did not apply):")
            for failure in failedConditions {
                var line = "  - \(failure.layer.rawValue) \(Self.policyLabel(failure.policyName, failure.policyId)), "
                line += "statement \(failure.statementIndex + 1)"
                if let sid = failure.sid { line += " (Sid \(sid))" }
                line += " [\(failure.effect.rawValue)]: \(failure.operatorName) on \(failure.key)"
                line += " expected " + Self.list(failure.expectedValues)
                line += ", request has " + failure.actualDescription
                if let note = failure.note { line += " — \(note)" }
                lines.append(line)
            }
        }
        if !missingContextKeys.isEmpty {
            lines.append("Context keys the policies referenced but the request did not carry: "
                + missingContextKeys.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ statement: MatchedStatement) -> String {
        var text = "\(statement.layer.rawValue) \(policyLabel(statement.policyName, statement.policyId))"
        text += " (\(statement.sourceType.rawValue)), statement \(statement.statementIndex + 1)"
        if let sid = statement.sid { text += " (Sid \(sid))" }
        text += ", lines \(statement.startPosition)–\(statement.endPosition)"
        if let match = statement.principalMatch { text += ", principal matched by \(match.rawValue)" }
        return text
    }

    static func policyLabel(_ name: String?, _ id: String) -> String {
        if let name, name != id { return "\"\(name)\" (\(id))" }
        return "\"\(id)\""
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }
}
