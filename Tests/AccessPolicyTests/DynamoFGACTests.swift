import Testing
@testable import AccessPolicy

/// DynamoDB fine-grained access control shapes, as plain data: the engine itself knows
/// nothing of DynamoDB.
@Suite("DynamoDB fine-grained access shapes")
struct DynamoFGACTests {
    static let gameScores = "arn:aws:dynamodb:us-west-2:123456789012:table/GameScores"

    // The policy from "Using IAM policy conditions for fine-grained access control".
    static let policyText = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "AllowAccessToOnlyItemsMatchingUserID",
          "Effect": "Allow",
          "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                     "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:Scan"],
          "Resource": ["arn:aws:dynamodb:us-west-2:123456789012:table/GameScores"],
          "Condition": {
            "ForAllValues:StringEquals": {
              "dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"],
              "dynamodb:Attributes": ["UserId", "GameTitle", "Wins", "Losses", "TopScore", "TopScoreDateTime"]
            },
            "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}
          }
        }
      ]
    }
    """

    static let player = PrincipalInfo(
        arn: "arn:aws:sts::123456789012:assumed-role/GameRole/web-session", accountId: Fixtures.account,
        type: .webIdentity, matchingArns: ["arn:aws:iam::123456789012:role/GameRole"], federatedProvider: "www.amazon.com")

    func evaluate(_ action: String, _ keys: ContextKeys) throws -> Decision {
        var all = keys
        if all["www.amazon.com:user_id"] == nil { all["www.amazon.com:user_id"] = "user-123" }
        return Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("GameRolePolicy", Self.policyText, source: .role)],
            context: RequestContext(principal: Self.player, action: action, resource: Self.gameScores, keys: all)))
    }

    @Test func ownItemWithAllowedAttributes() throws {
        let decision = try evaluate("dynamodb:GetItem", [
            "dynamodb:LeadingKeys": ["user-123"],
            "dynamodb:Attributes": ["UserId", "TopScore"],
            "dynamodb:Select": "SPECIFIC_ATTRIBUTES",
        ])
        #expect(decision.outcome == .allow)
        #expect(decision.matchedStatements.map(\.sid) == ["AllowAccessToOnlyItemsMatchingUserID"])
        #expect(decision.matchedStatements.first?.startPosition == SourcePosition(line: 4, column: 5))
    }

    @Test func someoneElsesItem() throws {
        let decision = try evaluate("dynamodb:GetItem", ["dynamodb:LeadingKeys": ["user-999"]])
        #expect(decision.outcome == .implicitDeny)
        let failure = try #require(decision.failedConditions.first)
        #expect(decision.failedConditions.count == 1)
        #expect(failure.operatorName == "ForAllValues:StringEquals")
        #expect(failure.key == "dynamodb:LeadingKeys")
        #expect(failure.expectedValues == ["${www.amazon.com:user_id}"])
        #expect(failure.actualValues == ["user-999"])
        #expect(decision.accessDeniedMessage
            == "User: arn:aws:sts::123456789012:assumed-role/GameRole/web-session is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-west-2:123456789012:table/GameScores because no identity-based policy allows the dynamodb:GetItem action")
    }

    @Test func forbiddenAttribute() throws {
        let decision = try evaluate("dynamodb:GetItem", [
            "dynamodb:LeadingKeys": ["user-123"], "dynamodb:Attributes": ["UserId", "CreditCard"],
        ])
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.failedConditions.map(\.key) == ["dynamodb:Attributes"])
    }

    @Test func selectAllAttributesIsRefusedButAbsentSelectPasses() throws {
        let all = try evaluate("dynamodb:Query", ["dynamodb:LeadingKeys": ["user-123"], "dynamodb:Select": "ALL_ATTRIBUTES"])
        #expect(all.outcome == .implicitDeny)
        #expect(all.failedConditions.map(\.key) == ["dynamodb:Select"])
        #expect(all.failedConditions.first?.actualValues == ["ALL_ATTRIBUTES"])
        let absent = try evaluate("dynamodb:Query", ["dynamodb:LeadingKeys": ["user-123"]])
        #expect(absent.outcome == .allow)
        #expect(absent.missingContextKeys == ["dynamodb:Attributes", "dynamodb:Select"])
    }

    @Test func batchWriteWithSeveralLeadingKeys() throws {
        let mixed = try evaluate("dynamodb:BatchWriteItem", ["dynamodb:LeadingKeys": ["user-123", "user-999"]])
        #expect(mixed.outcome == .implicitDeny)
        let own = try evaluate("dynamodb:BatchWriteItem", ["dynamodb:LeadingKeys": ["user-123", "user-123"]])
        #expect(own.outcome == .allow)
    }

    @Test func scanPitfallIsReproduced() throws {
        // A Scan carries no dynamodb:LeadingKeys: ForAllValues on an absent key is true,
        // so the Allow applies and the whole table can be read. IAM behaves this way.
        let decision = try evaluate("dynamodb:Scan", [:])
        #expect(decision.outcome == .allow)
        #expect(decision.matchedStatements.map(\.sid) == ["AllowAccessToOnlyItemsMatchingUserID"])
        #expect(decision.failedConditions.isEmpty)
        #expect(decision.missingContextKeys == ["dynamodb:LeadingKeys", "dynamodb:Attributes", "dynamodb:Select"])
    }

    @Test func missingIdentityProviderKeyBlocksTheRowCheck() throws {
        let decision = Evaluator.evaluate(EvaluationInput(
            identityPolicies: [try attached("GameRolePolicy", Self.policyText, source: .role)],
            context: RequestContext(principal: Self.player, action: "dynamodb:GetItem", resource: Self.gameScores,
                                    keys: ["dynamodb:LeadingKeys": ["user-123"]])))
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.missingContextKeys.contains("www.amazon.com:user_id"))
    }

    @Test func denyingSensitiveAttributesWithForAnyValue() throws {
        let text = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"},
          {"Sid": "NoSecrets", "Effect": "Deny", "Action": "dynamodb:GetItem", "Resource": "*",
           "Condition": {"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["Secret", "SSN"]}}}]}
        """
        let policies = [try attached("p", text)]
        let secret = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context(
            keys: ["dynamodb:Attributes": ["Name", "SSN"]])))
        #expect(secret.outcome == .explicitDeny)
        #expect(secret.matched(.deny).map(\.sid) == ["NoSecrets"])
        // No projection at all: ForAnyValue on an absent key is false, the Deny does not apply.
        let whole = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context()))
        #expect(whole.outcome == .allow)
        #expect(whole.failedConditions.map(\.sid) == ["NoSecrets"])
    }
}
