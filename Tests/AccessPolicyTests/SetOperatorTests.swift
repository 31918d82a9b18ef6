import Testing
@testable import AccessPolicy

@Suite("ForAllValues / ForAnyValue")
struct SetOperatorTests {
    static let allEquals = #"{"ForAllValues:StringEquals": {"dynamodb:Attributes": ["PostDateTime", "Message", "Tags"]}}"#
    static let anyEquals = #"{"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["ID", "PostDateTime"]}}"#
    static let allNotEquals = #"{"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret", "owner"]}}"#
    static let anyNotEquals = #"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["secret", "owner"]}}"#

    static let cases: [ConditionCase] = [
        // ForAllValues: every request value must match some policy value.
        .init(allEquals, ["dynamodb:Attributes": ["PostDateTime", "Message"]], true),
        .init(allEquals, ["dynamodb:Attributes": ["PostDateTime", "UserName"]], false),
        .init(allEquals, ["dynamodb:Attributes": ["Tags"]], true),
        .init(allEquals, ["dynamodb:Attributes": "Tags"], true),            // single value: a set of one
        .init(allEquals, ["dynamodb:Attributes": "UserName"], false),
        .init(allEquals, [:], true),                                          // absent: true
        .init(allEquals, ["dynamodb:Attributes": .multiple([])], true),       // empty set: true
        // ForAnyValue: some request value must match some policy value.
        .init(anyEquals, ["dynamodb:Attributes": ["UserName", "Message", "PostDateTime"]], true),
        .init(anyEquals, ["dynamodb:Attributes": ["UserName"]], false),
        .init(anyEquals, ["dynamodb:Attributes": "ID"], true),
        .init(anyEquals, [:], false),                                         // absent: false
        .init(anyEquals, ["dynamodb:Attributes": .multiple([])], false),      // empty set: false
        // Negated operators under a qualifier apply per request value.
        .init(allNotEquals, ["aws:TagKeys": ["team", "cost-center"]], true),
        .init(allNotEquals, ["aws:TagKeys": ["team", "secret"]], false),
        .init(allNotEquals, [:], true),
        .init(anyNotEquals, ["aws:TagKeys": ["secret", "team"]], true),
        .init(anyNotEquals, ["aws:TagKeys": ["secret", "owner"]], false),
        .init(anyNotEquals, [:], false),
        // Wildcards under a qualifier.
        .init(#"{"ForAllValues:StringLike": {"aws:TagKeys": ["env-*", "team"]}}"#, ["aws:TagKeys": ["env-prod", "team"]], true),
        .init(#"{"ForAllValues:StringLike": {"aws:TagKeys": ["env-*", "team"]}}"#, ["aws:TagKeys": ["env-prod", "owner"]], false),
        .init(#"{"ForAnyValue:StringLike": {"aws:TagKeys": ["env-*"]}}"#, ["aws:TagKeys": ["owner", "env-dev"]], true),
        // IfExists with a qualifier: an absent key holds.
        .init(#"{"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["a"]}}"#, [:], true),
        .init(#"{"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["a"]}}"#, ["aws:TagKeys": ["b"]], false),
        .init(#"{"ForAllValues:StringEqualsIfExists": {"aws:TagKeys": ["a"]}}"#, ["aws:TagKeys": ["a", "b"]], false),
        // Other operator families take qualifiers too.
        .init(#"{"ForAllValues:NumericLessThan": {"test:sizes": "10"}}"#, ["test:sizes": ["1", "9"]], true),
        .init(#"{"ForAllValues:NumericLessThan": {"test:sizes": "10"}}"#, ["test:sizes": ["1", "19"]], false),
        .init(#"{"ForAnyValue:IpAddress": {"test:hops": "10.0.0.0/8"}}"#, ["test:hops": ["192.168.1.1", "10.1.2.3"]], true),
        .init(#"{"ForAllValues:ArnLike": {"aws:PrincipalServiceNamesList": "arn:aws:iam::*:role/*"}}"#,
              ["aws:PrincipalServiceNamesList": ["arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"]], true),
        // Without a qualifier a multivalued key matches when any of its values does.
        .init(#"{"StringEquals": {"aws:TagKeys": "team"}}"#, ["aws:TagKeys": ["owner", "team"]], true),
        .init(#"{"StringEquals": {"aws:TagKeys": "team"}}"#, ["aws:TagKeys": ["owner"]], false),
        .init(#"{"StringNotEquals": {"aws:TagKeys": "team"}}"#, ["aws:TagKeys": ["owner", "team"]], false),
        .init(#"{"StringNotEquals": {"aws:TagKeys": "team"}}"#, ["aws:TagKeys": ["owner"]], true),
        .init(#"{"StringEquals": {"aws:TagKeys": "team"}}"#, ["aws:TagKeys": .multiple([])], false),
    ]

    @Test(arguments: cases)
    func setOperator(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }

    @Test func forAnyValueDenyFromTheDocs() throws {
        // IAM "Creating a condition that tests multiple key values": a Deny with
        // ForAnyValue:StringLike on requested attributes, evaluated on PutItem.
        let deny = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "AllowPut", "Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "*"},
          {"Sid": "NoIdOrDate", "Effect": "Deny", "Action": "dynamodb:PutItem", "Resource": "*",
           "Condition": {"ForAnyValue:StringLike": {"dynamodb:Attributes": ["ID", "PostDateTime"]}}}]}
        """
        let policies = [try attached("thread", deny)]
        let touching = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context(
            action: "dynamodb:PutItem", keys: ["dynamodb:Attributes": ["UserName", "Message", "PostDateTime"]])))
        #expect(touching.outcome == .explicitDeny)
        #expect(touching.matched(.deny).map(\.sid) == ["NoIdOrDate"])
        let harmless = Evaluator.evaluate(EvaluationInput(identityPolicies: policies, context: context(
            action: "dynamodb:PutItem", keys: ["dynamodb:Attributes": ["UserName"]])))
        #expect(harmless.outcome == .allow)
        #expect(harmless.matchedStatements.map(\.sid) == ["AllowPut"])
        #expect(harmless.failedConditions.map(\.sid) == ["NoIdOrDate"])
    }
}
