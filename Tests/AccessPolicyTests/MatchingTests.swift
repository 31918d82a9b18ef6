import Testing
@testable import AccessPolicy

@Suite("Action and resource matching")
struct MatchingTests {
    func allows(action pattern: String, _ action: String) throws -> Bool {
        let text = #"{"Statement": {"Effect": "Allow", "Action": "\#(pattern)", "Resource": "*"}}"#
        let decision = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("p", text)], context: context(action: action)))
        #expect(decision.matchedStatements.count == (decision.outcome == .allow ? 1 : 0))
        return decision.outcome == .allow
    }

    @Test(arguments: [
        ("dynamodb:GetItem", "dynamodb:GetItem", true),
        ("dynamodb:Get*", "dynamodb:GetItem", true),
        ("dynamodb:Get*", "dynamodb:Query", false),
        ("DynamoDB:getitem", "dynamodb:GetItem", true),
        ("dynamodb:GetItem", "DYNAMODB:GETITEM", true),
        ("dynamodb:?etItem", "dynamodb:GetItem", true),
        ("dynamodb:?etItem", "dynamodb:BatchGetItem", false),
        ("dynamodb:*", "dynamodb:DeleteTable", true),
        ("dynamodb:*", "s3:GetObject", false),
        ("*", "s3:GetObject", true),
        ("dynamodb:*Item", "dynamodb:BatchWriteItem", true),
        ("dynamodb:Get", "dynamodb:GetItem", false),
    ])
    func actionPatterns(_ pattern: String, _ action: String, _ expected: Bool) throws {
        #expect(try allows(action: pattern, action) == expected)
    }

    @Test func notActionAppliesToEverythingElse() throws {
        let text = #"{"Statement": {"Sid": "AllButDelete", "Effect": "Allow", "NotAction": ["dynamodb:Delete*", "iam:*"], "Resource": "*"}}"#
        let policies = [try attached("p", text)]
        let get = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context(action: "dynamodb:GetItem")))
        #expect(get.outcome == .allow)
        #expect(get.matchedStatements.map(\.sid) == ["AllButDelete"])
        let delete = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context(action: "dynamodb:DeleteItem")))
        #expect(delete.outcome == .implicitDeny)
        #expect(delete.matchedStatements.isEmpty)
    }

    func allows(resource pattern: String, _ resource: String) throws -> Bool {
        let text = #"{"Statement": {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "\#(pattern)"}}"#
        var request = context(resource: resource)
        request.resourceAccountId = Fixtures.account  // keep every case same-account
        let decision = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("p", text)], context: request))
        return decision.outcome == .allow
    }

    static let ordersInOtherRegion = "arn:aws:dynamodb:us-east-1:111122223331:table/Orders"

    @Test(arguments: [
        ("arn:aws:dynamodb:us-east-1:123456789012:table/Orders", Fixtures.table, true),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/orders", Fixtures.table, false),  // case-sensitive
        ("arn:aws:dynamodb:*:123456789012:table/Orders", Fixtures.table, true),
        ("arn:aws:dynamodb:us-east-?:123456789012:table/Orders", Fixtures.table, true),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/*", Fixtures.table, true),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/*", Fixtures.table + "/index/ByDate", true),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/Orders", Fixtures.table + "/index/ByDate", false),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/Orders/*", Fixtures.table + "/stream/2024", true),
        ("arn:aws:dynamodb:us-east-1:*:table/Orders", Fixtures.otherTable, false),
        ("*", Fixtures.table, true),
        // A * that ends an ARN segment may run past the colons...
        ("arn:aws:dynamodb:*", Fixtures.table, true),
        ("arn:aws:dynamodb:us-*:table/Orders", Fixtures.table, true),
        // ... one inside a segment may not.
        ("arn:aws:dynamodb:u*1:table/Orders", ordersInOtherRegion, false),
        ("arn:aws:dynamodb:u*1:111122223331:table/Orders", ordersInOtherRegion, true),
        ("arn:aws:dynamodb:us-east-1:1234*9012:table/Orders", Fixtures.table, true),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/Ord?rs", Fixtures.table, true),
    ])
    func resourcePatterns(_ pattern: String, _ resource: String, _ expected: Bool) throws {
        #expect(try allows(resource: pattern, resource) == expected)
    }

    @Test func notResourceAppliesToEverythingElse() throws {
        let text = """
        {"Statement": {"Sid": "NotAudit", "Effect": "Deny", "Action": "dynamodb:*",
          "NotResource": "arn:aws:dynamodb:*:*:table/Audit*"}}
        """
        let allowAll = #"{"Statement": {"Sid": "All", "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}}"#
        let policies = [try attached("deny", text), try attached("allow", allowAll)]
        let orders = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context()))
        #expect(orders.outcome == .explicitDeny)
        #expect(orders.matched(.deny).map(\.sid) == ["NotAudit"])
        let audit = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context(
            resource: "arn:aws:dynamodb:us-east-1:123456789012:table/AuditLog")))
        #expect(audit.outcome == .allow)
        #expect(audit.matchedStatements.map(\.sid) == ["All"])
    }

    @Test func wildcardMatcher() {
        #expect(WildcardPattern(glob: "a*b*c").matches("aXXbYYc"))
        #expect(!WildcardPattern(glob: "a*b*c").matches("aXXbYY"))
        #expect(WildcardPattern(glob: "*").matches(""))
        #expect(WildcardPattern(glob: "**a").matches("ba"))
        #expect(WildcardPattern(glob: "?").matches("é"))
        #expect(!WildcardPattern(glob: "??").matches("é"))
        #expect(WildcardPattern(literal: "a*").matches("a*"))
        #expect(!WildcardPattern(literal: "a*").matches("ab"))
        let arn = WildcardPattern(glob: "arn:aws:s*:*:1:x").resourceARNForm()
        #expect(arn.matches("arn:aws:s3:us:1:x"))
        #expect(!arn.matches("arn:aws:s3:us:2:x"))
    }
}
