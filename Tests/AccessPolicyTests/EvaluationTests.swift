import Testing
@testable import AccessPolicy

enum Docs {
    static func allow(_ sid: String, _ action: String = "dynamodb:GetItem", resource: String = "*") -> String {
        #"{"Version": "2012-10-17", "Statement": {"Sid": "\#(sid)", "Effect": "Allow", "Action": "\#(action)", "Resource": "\#(resource)"}}"#
    }

    static func deny(_ sid: String, _ action: String = "dynamodb:GetItem") -> String {
        #"{"Version": "2012-10-17", "Statement": {"Sid": "\#(sid)", "Effect": "Deny", "Action": "\#(action)", "Resource": "*"}}"#
    }

    static func resourceAllow(_ sid: String, principal: String, _ action: String = "dynamodb:GetItem") -> String {
        """
        {"Version": "2012-10-17", "Statement": {"Sid": "\(sid)", "Effect": "Allow", "Principal": \(principal),
         "Action": "\(action)", "Resource": "*"}}
        """
    }

    static func trust(_ sid: String, principal: String, effect: String = "Allow") -> String {
        """
        {"Version": "2012-10-17", "Statement": {"Sid": "\(sid)", "Effect": "\(effect)", "Principal": \(principal),
         "Action": "sts:AssumeRole"}}
        """
    }
}

@Suite("Evaluation: explicit deny, allow, implicit deny")
struct BasicEvaluationTests {
    @Test func nothingAllowsMeansImplicitDeny() {
        let decision = Evaluator.evaluate(EvaluationInput(context: context()))
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.decidingLayer == .identityBased)
        #expect(decision.matchedStatements.isEmpty)
        #expect(decision.failedConditions.isEmpty)
    }

    @Test func anAllowAllows() throws {
        let decision = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("arn:aws:iam::123456789012:policy/Read", Docs.allow("Read"), source: .userManaged, name: "Read")],
            context: context()))
        #expect(decision.outcome == .allow)
        #expect(decision.grantedBy == [.identityBased])
        let statement = try #require(decision.matchedStatements.first)
        #expect(statement.policyId == "arn:aws:iam::123456789012:policy/Read")
        #expect(statement.policyName == "Read")
        #expect(statement.sourceType == .userManaged)
        #expect(statement.sid == "Read")
        #expect(statement.statementIndex == 0)
        #expect(statement.effect == .allow)
        #expect(statement.startPosition == SourcePosition(line: 1, column: 40))
        #expect(statement.layer == .identityBased)
    }

    @Test func explicitDenyBeatsAllow() throws {
        let decision = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("allow", Docs.allow("Read"), source: .user),
                               try attached("deny", Docs.deny("NoRead"), source: .group)],
            context: context()))
        #expect(decision.outcome == .explicitDeny)
        #expect(decision.decidingLayer == .identityBased)
        #expect(decision.matchedStatements.map(\.sid) == ["Read", "NoRead"])
        #expect(decision.matched(.deny).first?.sourceType == .group)
        #expect(decision.notes.contains("Explicit deny in an identity-based policy: policy deny statement 1 (Sid NoRead)."))
    }

    @Test func anAllowWhoseConditionFailsIsNotApplicableNotADeny() throws {
        // moto treats this as a deny; IAM does not: the statement simply does not apply.
        let conditional = """
        {"Version": "2012-10-17", "Statement": {"Sid": "TLSOnly", "Effect": "Allow", "Action": "dynamodb:GetItem",
         "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}}
        """
        let decision = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("tls", conditional), try attached("read", Docs.allow("Read"))],
            context: context(keys: ["aws:SecureTransport": "false"])))
        #expect(decision.outcome == .allow)
        #expect(decision.matchedStatements.map(\.sid) == ["Read"])
        #expect(decision.failedConditions.map(\.sid) == ["TLSOnly"])
        #expect(decision.failedConditions.first?.actualValues == ["false"])
    }

    @Test func aDenyWhoseConditionFailsDoesNotDeny() throws {
        let conditional = """
        {"Version": "2012-10-17", "Statement": {"Sid": "DenyPlainHTTP", "Effect": "Deny", "Action": "*",
         "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}
        """
        let policies = [try attached("deny", conditional), try attached("read", Docs.allow("Read"))]
        let secure = Evaluator.evaluate(EvaluationInput(identityPolicies: policies,
                                                        context: context(keys: ["aws:SecureTransport": "true"])))
        #expect(secure.outcome == .allow)
        #expect(secure.failedConditions.map(\.sid) == ["DenyPlainHTTP"])
        let plain = Evaluator.evaluate(EvaluationInput(identityPolicies: policies,
                                                       context: context(keys: ["aws:SecureTransport": "false"])))
        #expect(plain.outcome == .explicitDeny)
        #expect(plain.matched(.deny).map(\.sid) == ["DenyPlainHTTP"])
    }

    @Test func rootUserHasFullAccessUnlessDenied() throws {
        let decision = Evaluator.evaluate(EvaluationInput(context: context(Fixtures.root)))
        #expect(decision.outcome == .allow)
        #expect(decision.grantedBy == [.identityBased])
        let scp = try attached("scp", Docs.deny("NoDynamo", "dynamodb:*"), .serviceControl, source: .none)
        let limited = Evaluator.evaluate(EvaluationInput(serviceControlPolicies: [[scp]], context: context(Fixtures.root)))
        #expect(limited.outcome == .explicitDeny)
        #expect(limited.decidingLayer == .serviceControlPolicy)
    }
}

@Suite("Evaluation: boundaries, session policies, SCPs, RCPs")
struct GuardrailEvaluationTests {
    @Test func boundaryMustAlsoAllow() throws {
        let identity = [try attached("read", Docs.allow("Read"))]
        let narrow = try attached("boundary", Docs.allow("OnlyQuery", "dynamodb:Query"), .boundary)
        let denied = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, permissionsBoundary: [narrow], context: context()))
        #expect(denied.outcome == .implicitDeny)
        #expect(denied.decidingLayer == .permissionsBoundary)
        #expect(denied.matchedStatements.map(\.sid) == ["Read"])

        let wide = try attached("boundary", Docs.allow("AllDynamo", "dynamodb:*"), .boundary)
        let allowed = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, permissionsBoundary: [wide], context: context()))
        #expect(allowed.outcome == .allow)
        #expect(allowed.matchedStatements.map(\.layer) == [.identityBased, .permissionsBoundary])

        // A boundary alone grants nothing.
        let alone = Evaluator.evaluate(EvaluationInput(permissionsBoundary: [wide], context: context()))
        #expect(alone.outcome == .implicitDeny)
        #expect(alone.decidingLayer == .identityBased)

        let denying = try attached("boundary", Docs.deny("NoGet"), .boundary)
        let explicit = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, permissionsBoundary: [wide, denying], context: context()))
        #expect(explicit.outcome == .explicitDeny)
        #expect(explicit.decidingLayer == .permissionsBoundary)
    }

    @Test func sessionPoliciesLimitSessions() throws {
        let identity = [try attached("role-policy", Docs.allow("Read", "dynamodb:*"), source: .role)]
        let session = try attached("session", Docs.allow("OnlyQuery", "dynamodb:Query"), .session, source: .none)
        let limited = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, sessionPolicies: [session],
                                                         context: context(Fixtures.roleSession)))
        #expect(limited.outcome == .implicitDeny)
        #expect(limited.decidingLayer == .sessionPolicy)

        let query = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, sessionPolicies: [session],
                                                       context: context(Fixtures.roleSession, action: "dynamodb:Query")))
        #expect(query.outcome == .allow)
        #expect(query.matchedStatements.map(\.sid) == ["Read", "OnlyQuery"])

        // A role session without a session policy keeps the role's permissions.
        let plain = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, context: context(Fixtures.roleSession)))
        #expect(plain.outcome == .allow)

        // A federated-user session without a session policy has none.
        let federated = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, context: context(Fixtures.federatedSession)))
        #expect(federated.outcome == .implicitDeny)
        #expect(federated.decidingLayer == .sessionPolicy)

        let sessionDeny = try attached("session", Docs.deny("NoGet"), .session, source: .none)
        let denied = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, sessionPolicies: [sessionDeny],
                                                        context: context(Fixtures.roleSession)))
        #expect(denied.outcome == .explicitDeny)
        #expect(denied.decidingLayer == .sessionPolicy)
    }

    @Test func everySCPLevelMustAllow() throws {
        let identity = [try attached("read", Docs.allow("Read"))]
        let full = try attached("p-FullAWSAccess", Docs.allow("FullAWSAccess", "*"), .serviceControl, source: .awsManaged)
        let dynamo = try attached("ou", Docs.allow("Dynamo", "dynamodb:*"), .serviceControl, source: .none)
        let s3Only = try attached("acct", Docs.allow("S3", "s3:*"), .serviceControl, source: .none)

        let allowed = Evaluator.evaluate(EvaluationInput(identityPolicies: identity,
                                                         serviceControlPolicies: [[full], [dynamo]], context: context()))
        #expect(allowed.outcome == .allow)
        #expect(allowed.matchedStatements.map(\.sid) == ["FullAWSAccess", "Dynamo", "Read"])

        let blocked = Evaluator.evaluate(EvaluationInput(identityPolicies: identity,
                                                         serviceControlPolicies: [[full], [dynamo], [s3Only]], context: context()))
        #expect(blocked.outcome == .implicitDeny)
        #expect(blocked.decidingLayer == .serviceControlPolicy)
        #expect(blocked.notes.contains("No statement in service control policy level 3 allows the request."))

        // An SCP also limits what a resource-based policy grants.
        let table = try attached("table", Docs.resourceAllow("Alice", principal: #"{"AWS": "arn:aws:iam::123456789012:user/alice"}"#), .resource, source: .resource)
        let viaResource = Evaluator.evaluate(EvaluationInput(resourcePolicy: table, serviceControlPolicies: [[s3Only]], context: context()))
        #expect(viaResource.outcome == .implicitDeny)
        #expect(viaResource.decidingLayer == .serviceControlPolicy)
    }

    @Test func resourceControlPolicies() throws {
        let identity = [try attached("read", Docs.allow("Read"))]
        let rcpFull = try attached("RCPFullAWSAccess", Docs.resourceAllow("Full", principal: "\"*\"", "*"), .resourceControl, source: .awsManaged)
        let rcpDeny = try attached("rcp", """
        {"Version": "2012-10-17", "Statement": {"Sid": "OrgOnly", "Effect": "Deny", "Principal": "*", "Action": "dynamodb:*",
         "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}}}
        """, .resourceControl, source: .none)
        let outsider = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, resourceControlPolicies: [[rcpFull, rcpDeny]],
                                                          context: context(keys: ["aws:PrincipalOrgID": "o-zzz"])))
        #expect(outsider.outcome == .explicitDeny)
        #expect(outsider.decidingLayer == .resourceControlPolicy)
        #expect(outsider.matched(.deny).map(\.sid) == ["OrgOnly"])

        let insider = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, resourceControlPolicies: [[rcpFull, rcpDeny]],
                                                         context: context(keys: ["aws:PrincipalOrgID": "o-abc"])))
        #expect(insider.outcome == .allow)
        #expect(insider.failedConditions.map(\.sid) == ["OrgOnly"])

        let noAllow = Evaluator.evaluate(EvaluationInput(identityPolicies: identity, resourceControlPolicies: [[rcpDeny]],
                                                         context: context(keys: ["aws:PrincipalOrgID": "o-abc"])))
        #expect(noAllow.outcome == .implicitDeny)
        #expect(noAllow.decidingLayer == .resourceControlPolicy)
    }

    @Test func explicitDenyLayerFollowsTheFlowChartOrder() throws {
        let scp = try attached("scp", Docs.deny("ScpNo"), .serviceControl, source: .none)
        let identity = try attached("id", Docs.deny("IdNo"))
        let decision = Evaluator.evaluate(EvaluationInput(identityPolicies: [identity], serviceControlPolicies: [[scp]], context: context()))
        #expect(decision.outcome == .explicitDeny)
        #expect(decision.decidingLayer == .serviceControlPolicy)
        #expect(Set(decision.matched(.deny).compactMap(\.sid)) == ["ScpNo", "IdNo"])
    }
}
