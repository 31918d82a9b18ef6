import Testing
@testable import AccessPolicy

/// One condition case: the Condition JSON, the request's keys, and whether it holds.
struct ConditionCase: CustomTestStringConvertible, Sendable {
    var condition: String
    var keys: ContextKeys
    var expected: Bool
    var testDescription: String { "\(condition) with \(keys.names) → \(expected)" }

    init(_ condition: String, _ keys: ContextKeys, _ expected: Bool) {
        self.condition = condition
        self.keys = keys
        self.expected = expected
    }
}

@Suite("String conditions")
struct StringConditionTests {
    static let cases: [ConditionCase] = [
        // StringEquals: exact and case-sensitive; absent key fails.
        .init(#"{"StringEquals": {"aws:username": "alice"}}"#, ["aws:username": "alice"], true),
        .init(#"{"StringEquals": {"aws:username": "alice"}}"#, ["aws:username": "Alice"], false),
        .init(#"{"StringEquals": {"aws:username": "alice"}}"#, ["aws:username": "alice2"], false),
        .init(#"{"StringEquals": {"test:key": "alice"}}"#, [:], false),
        .init(#"{"StringEquals": {"test:key": "a*"}}"#, ["test:key": "abc"], false),
        .init(#"{"StringEquals": {"test:key": "a*"}}"#, ["test:key": "a*"], true),
        // Several values are OR.
        .init(#"{"StringEquals": {"test:key": ["a", "b"]}}"#, ["test:key": "b"], true),
        .init(#"{"StringEquals": {"test:key": ["a", "b"]}}"#, ["test:key": "c"], false),
        // Numbers and booleans in the policy compare as their text.
        .init(#"{"StringEquals": {"test:key": 42}}"#, ["test:key": "42"], true),
        .init(#"{"StringEquals": {"test:key": true}}"#, ["test:key": "true"], true),
        // StringNotEquals: negated, NOR over the values; absent key holds.
        .init(#"{"StringNotEquals": {"test:key": "a"}}"#, ["test:key": "b"], true),
        .init(#"{"StringNotEquals": {"test:key": "a"}}"#, ["test:key": "a"], false),
        .init(#"{"StringNotEquals": {"test:key": ["a", "b"]}}"#, ["test:key": "b"], false),
        .init(#"{"StringNotEquals": {"test:key": ["a", "b"]}}"#, ["test:key": "c"], true),
        .init(#"{"StringNotEquals": {"test:key": "a"}}"#, [:], true),
        // IgnoreCase.
        .init(#"{"StringEqualsIgnoreCase": {"test:key": "ALICE"}}"#, ["test:key": "alice"], true),
        .init(#"{"StringEqualsIgnoreCase": {"test:key": "ALICE"}}"#, ["test:key": "bob"], false),
        .init(#"{"StringEqualsIgnoreCase": {"test:key": "ALICE"}}"#, [:], false),
        .init(#"{"StringNotEqualsIgnoreCase": {"test:key": "ALICE"}}"#, ["test:key": "Alice"], false),
        .init(#"{"StringNotEqualsIgnoreCase": {"test:key": "ALICE"}}"#, ["test:key": "bob"], true),
        .init(#"{"StringNotEqualsIgnoreCase": {"test:key": "ALICE"}}"#, [:], true),
        // StringLike: * and ? anywhere, case-sensitive.
        .init(#"{"StringLike": {"s3:prefix": "home/*"}}"#, ["s3:prefix": "home/alice/docs"], true),
        .init(#"{"StringLike": {"s3:prefix": "home/*"}}"#, ["s3:prefix": "Home/alice"], false),
        .init(#"{"StringLike": {"s3:prefix": "a?c"}}"#, ["s3:prefix": "abc"], true),
        .init(#"{"StringLike": {"s3:prefix": "a?c"}}"#, ["s3:prefix": "ac"], false),
        .init(#"{"StringLike": {"s3:prefix": "a?c"}}"#, ["s3:prefix": "aéc"], true),
        .init(#"{"StringLike": {"s3:prefix": ["", "home/"]}}"#, ["s3:prefix": ""], true),
        .init(#"{"StringLike": {"s3:prefix": "*"}}"#, [:], false),
        .init(#"{"StringNotLike": {"s3:prefix": "home/*"}}"#, ["s3:prefix": "etc/passwd"], true),
        .init(#"{"StringNotLike": {"s3:prefix": "home/*"}}"#, ["s3:prefix": "home/x"], false),
        .init(#"{"StringNotLike": {"s3:prefix": "home/*"}}"#, [:], true),
        // ...IfExists: absent key holds; present key is checked.
        .init(#"{"StringEqualsIfExists": {"test:key": "a"}}"#, [:], true),
        .init(#"{"StringEqualsIfExists": {"test:key": "a"}}"#, ["test:key": "b"], false),
        .init(#"{"StringEqualsIfExists": {"test:key": "a"}}"#, ["test:key": "a"], true),
        .init(#"{"StringNotEqualsIfExists": {"test:key": "a"}}"#, [:], true),
        .init(#"{"StringNotEqualsIfExists": {"test:key": "a"}}"#, ["test:key": "a"], false),
        .init(#"{"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*"]}}"#, [:], true),
        .init(#"{"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*"]}}"#, ["ec2:InstanceType": "m5.large"], false),
        .init(#"{"StringNotLikeIfExists": {"test:key": "a*"}}"#, ["test:key": "abc"], false),
        // Several keys, several operators: AND.
        .init(#"{"StringEquals": {"test:a": "1", "test:b": "2"}}"#, ["test:a": "1", "test:b": "2"], true),
        .init(#"{"StringEquals": {"test:a": "1", "test:b": "2"}}"#, ["test:a": "1", "test:b": "3"], false),
        .init(#"{"StringEquals": {"test:a": "1"}, "StringLike": {"test:b": "x*"}}"#, ["test:a": "1", "test:b": "xy"], true),
        .init(#"{"StringEquals": {"test:a": "1"}, "StringLike": {"test:b": "x*"}}"#, ["test:a": "1", "test:b": "yx"], false),
        // Key names are case-insensitive; values are not.
        .init(#"{"StringEquals": {"AWS:SourceVpce": "vpce-1a2b"}}"#, ["aws:sourcevpce": "vpce-1a2b"], true),
        .init(#"{"StringEquals": {"aws:sourcevpce": "vpce-1a2b"}}"#, ["AWS:SOURCEVPCE": "VPCE-1A2B"], false),
    ]

    @Test(arguments: cases)
    func stringOperator(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }

    @Test func failedConditionIsTraced() throws {
        let decision = try decide(#"{"StringEquals": {"aws:username": ["bob", "carol"]}}"#, ["aws:username": "alice"])
        #expect(decision.outcome == .implicitDeny)
        let failure = try #require(decision.failedConditions.first)
        #expect(failure.operatorName == "StringEquals")
        #expect(failure.key == "aws:username")
        #expect(failure.expectedValues == ["bob", "carol"])
        #expect(failure.actualValues == ["alice"])
        #expect(failure.statementIndex == 0)
        #expect(failure.sid == "Cond")
        #expect(failure.effect == .allow)
        #expect(failure.layer == .identityBased)
    }

    @Test func absentKeyIsTracedAndReportedMissing() throws {
        let decision = try decide(#"{"StringEquals": {"aws:PrincipalTag/team": "blue"}}"#)
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.failedConditions.first?.actualValues == nil)
        #expect(decision.failedConditions.first?.actualDescription == "absent")
        #expect(decision.missingContextKeys == ["aws:PrincipalTag/team"])
    }

    @Test func everyFailingConditionOfAStatementIsRecorded() throws {
        let decision = try decide(#"{"StringEquals": {"test:a": "1", "test:b": "2"}, "Bool": {"aws:SecureTransport": "true"}}"#,
                                  ["test:a": "x", "aws:SecureTransport": "true"])
        #expect(decision.failedConditions.map(\.key) == ["test:a", "test:b"])
        #expect(decision.missingContextKeys == ["test:b"])
    }
}

@Suite("ARN conditions")
struct ArnConditionTests {
    static let doc = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"

    static let cases: [ConditionCase] = [
        .init(#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic"}}"#,
              ["aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic"], true),
        .init(#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic"}}"#,
              ["aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:Topic"], false),
        // ArnEquals and ArnLike behave identically: both take wildcards.
        .init(#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}}"#,
              ["aws:SourceArn": "arn:aws:sns:eu-west-1:123456789012:alerts"], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}}"#,
              ["aws:SourceArn": "arn:aws:sns:eu-west-1:123456789012:alerts"], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}}"#,
              ["aws:SourceArn": "arn:aws:sns:eu-west-1:999999999999:alerts"], false),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:lambda:us-east-1:123456789012:function:f:*"}}"#,
              ["aws:SourceArn": "arn:aws:lambda:us-east-1:123456789012:function:f:prod"], true),
        // The documented example: wildcards do not span components under ArnLike...
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:someservice:*:111122223333:finance/*"}}"#,
              ["aws:SourceArn": .single(doc)], false),
        // ... but do under StringLike.
        .init(#"{"StringLike": {"aws:SourceArn": "arn:aws:someservice:*:111122223333:finance/*"}}"#,
              ["aws:SourceArn": .single(doc)], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "*"}}"#, ["aws:SourceArn": "arn:aws:sns:us-east-1:1:t"], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:*"}}"#, ["aws:SourceArn": "not-an-arn"], false),
        .init(#"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/Admin"}}"#,
              ["aws:PrincipalArn": "arn:aws:iam::123456789012:role/Dev"], true),
        .init(#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin*"}}"#,
              ["aws:PrincipalArn": "arn:aws:iam::123456789012:role/AdminBreakGlass"], false),
        .init(#"{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:*"}}"#, [:], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:*"}}"#, [:], false),
        .init(#"{"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:sns:*:*:*"}}"#, [:], true),
    ]

    @Test(arguments: cases)
    func arnOperator(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }
}
