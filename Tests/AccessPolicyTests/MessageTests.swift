import Testing
@testable import AccessPolicy

@Suite("Access denied messages and explanations")
struct MessageTests {
    static let alice = "arn:aws:iam::123456789012:user/alice"
    static let prefix = "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders"

    func decision(_ outcome: Outcome, _ layer: PolicyLayer) -> Decision {
        Decision(outcome: outcome, decidingLayer: layer, grantedBy: [], matchedStatements: [], failedConditions: [],
                 missingContextKeys: [], isCrossAccount: false, notes: [], principalArn: Self.alice,
                 action: "dynamodb:GetItem", resource: Fixtures.table)
    }

    @Test(arguments: [
        (PolicyLayer.identityBased, " because no identity-based policy allows the dynamodb:GetItem action",
         " with an explicit deny in an identity-based policy"),
        (.resourceBased, " because no resource-based policy allows the dynamodb:GetItem action",
         " with an explicit deny in a resource-based policy"),
        (.roleTrust, " because no role trust policy allows the dynamodb:GetItem action",
         " with an explicit deny in the role trust policy"),
        (.permissionsBoundary, " because no permissions boundary allows the dynamodb:GetItem action",
         " with an explicit deny in a permissions boundary"),
        (.sessionPolicy, " because no session policy allows the dynamodb:GetItem action",
         " with an explicit deny in a session policy"),
        (.serviceControlPolicy, " because no service control policy allows the dynamodb:GetItem action",
         " with an explicit deny in a service control policy"),
        (.resourceControlPolicy, " because no resource control policy allows the dynamodb:GetItem action",
         " with an explicit deny in a resource control policy"),
    ])
    func sentences(_ layer: PolicyLayer, _ implicit: String, _ explicit: String) {
        #expect(AccessDeniedMessage.render(principalArn: Self.alice, action: "dynamodb:GetItem",
                                           resource: Fixtures.table, decision: decision(.implicitDeny, layer))
            == Self.prefix + implicit)
        #expect(AccessDeniedMessage.render(principalArn: Self.alice, action: "dynamodb:GetItem",
                                           resource: Fixtures.table, decision: decision(.explicitDeny, layer))
            == Self.prefix + explicit)
    }

    @Test func messagesFromRealDecisions() throws {
        let implicit = Evaluator.evaluate(EvaluationInput(context: context()))
        #expect(implicit.accessDeniedMessage == Self.prefix + " because no identity-based policy allows the dynamodb:GetItem action")
        let explicit = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("d", Docs.deny("No"))], context: context()))
        #expect(explicit.accessDeniedMessage == Self.prefix + " with an explicit deny in an identity-based policy")
        let cross = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("c", Docs.allow("C"))],
                                                       context: context(Fixtures.stranger, resource: Fixtures.table)))
        #expect(cross.accessDeniedMessage
            == "User: arn:aws:iam::210987654321:user/carol is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders because no resource-based policy allows the dynamodb:GetItem action")
    }

    @Test func allowHasNoReason() throws {
        let allowed = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("a", Docs.allow("A"))], context: context()))
        #expect(allowed.accessDeniedMessage == Self.prefix)
    }

    @Test func explainNamesStatementsConditionsAndMissingKeys() throws {
        let text = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Rows", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
           "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:userid}"]},
                         "StringEquals": {"aws:PrincipalTag/team": "blue"}}},
          {"Sid": "NoDelete", "Effect": "Deny", "Action": "dynamodb:DeleteItem", "Resource": "*"}]}
        """
        let decision = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("arn:aws:iam::123456789012:policy/Rows", text, name: "Rows")],
            context: context(keys: ["dynamodb:LeadingKeys": ["user-9"], "aws:userid": "user-1"])))
        #expect(decision.outcome == .implicitDeny)
        let explanation = decision.explain()
        #expect(explanation.contains("DENIED (implicit deny): arn:aws:iam::123456789012:user/alice → dynamodb:GetItem on arn:aws:dynamodb:us-east-1:123456789012:table/Orders"))
        #expect(explanation.contains("Message: " + Self.prefix + " because no identity-based policy allows the dynamodb:GetItem action"))
        #expect(explanation.contains("ForAllValues:StringEquals on dynamodb:LeadingKeys expected [\"${aws:userid}\"], request has [\"user-9\"]"))
        #expect(explanation.contains("StringEquals on aws:PrincipalTag/team expected [\"blue\"], request has absent"))
        #expect(explanation.contains("(Sid Rows)"))
        #expect(explanation.contains("Context keys the policies referenced but the request did not carry: aws:PrincipalTag/team"))
        #expect(explanation.contains("No statement in the identity-based policies allows the request."))

        let allowed = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("arn:aws:iam::123456789012:policy/Rows", text, name: "Rows")],
            context: context(keys: ["dynamodb:LeadingKeys": ["user-1"], "aws:userid": "user-1", "aws:PrincipalTag/team": "blue"])))
        let allowText = allowed.explain()
        #expect(allowText.hasPrefix("ALLOWED: "))
        #expect(allowText.contains("Granted by: identity-based policy"))
        #expect(allowText.contains("Statements that allow:\n  - identity-based policy \"Rows\" (arn:aws:iam::123456789012:policy/Rows) (user-managed), statement 1 (Sid Rows), lines 2:3–4:68"))
    }
}
