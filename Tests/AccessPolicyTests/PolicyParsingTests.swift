import Testing
@testable import AccessPolicy

@Suite("Policy parsing")
struct PolicyParsingTests {
    @Test func parsesAllElements() throws {
        let text = """
        {
          "Version": "2012-10-17",
          "Id": "TablePolicy",
          "Statement": [
            {
              "Sid": "ReadOwnRows",
              "Effect": "Allow",
              "Principal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:role/Reader"],
                            "Service": "dynamodb.amazonaws.com", "Federated": "www.amazon.com"},
              "Action": ["dynamodb:GetItem", "dynamodb:Query"],
              "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
              "Condition": {
                "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"]},
                "NumericLessThan": {"dynamodb:ReturnConsumedCapacity": 10.50},
                "Bool": {"aws:SecureTransport": true}
              }
            },
            {"Effect": "Deny", "NotPrincipal": "*", "NotAction": "dynamodb:*", "NotResource": ["*"]}
          ]
        }
        """
        let parsed = try policy(text, .resource)
        #expect(parsed.version == "2012-10-17")
        #expect(parsed.id == "TablePolicy")
        #expect(parsed.variablesEnabled)
        #expect(parsed.statements.count == 2)
        let first = parsed.statements[0]
        #expect(first.index == 0)
        #expect(first.sid == "ReadOwnRows")
        #expect(first.effect == .allow)
        #expect(first.actions.patterns.map(\.text) == ["dynamodb:GetItem", "dynamodb:Query"])
        #expect(first.principals == .principal([
            .aws("123456789012"), .aws("arn:aws:iam::123456789012:role/Reader"),
            .service("dynamodb.amazonaws.com"), .federated("www.amazon.com"),
        ]))
        #expect(first.conditions.map(\.operatorName) == ["ForAllValues:StringEquals", "NumericLessThan", "Bool"])
        #expect(first.conditions[1].values == ["10.50"])
        #expect(first.conditions[2].values == ["true"])
        #expect(first.conditions[0].operation == QualifiedOperator(qualifier: .forAllValues, base: .stringEquals))
        #expect(first.startPosition == SourcePosition(line: 5, column: 5))
        #expect(first.endPosition == SourcePosition(line: 17, column: 5))
        let second = parsed.statements[1]
        #expect(second.index == 1)
        #expect(second.principals == .notPrincipal([.all]))
        guard case .notAction = second.actions, case .notResource? = second.resources else {
            Issue.record("expected NotAction and NotResource")
            return
        }
        #expect(second.startPosition == SourcePosition(line: 18, column: 5))
        #expect(second.endPosition == SourcePosition(line: 18, column: 92))
    }

    @Test func statementMayBeASingleObject() throws {
        let parsed = try policy(#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#)
        #expect(parsed.statements.count == 1)
        #expect(parsed.version == nil)
        #expect(!parsed.variablesEnabled)
    }

    @Test func acceptsVersion2008AndUnknownConditionKeys() throws {
        let parsed = try policy("""
        {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
         "Condition": {"StringEquals": {"madeup:NoSuchKey": "x"}}}}
        """)
        #expect(parsed.version == "2008-10-17")
        #expect(!parsed.variablesEnabled)
        #expect(parsed.statements[0].conditions[0].key == "madeup:NoSuchKey")
    }

    @Test func setQualifiersAndIfExistsParse() {
        #expect(QualifiedOperator(parsing: "ForAnyValue:StringLikeIfExists")
            == QualifiedOperator(qualifier: .forAnyValue, base: .stringLike, ifExists: true))
        #expect(QualifiedOperator(parsing: "NullIfExists") == nil)
        #expect(QualifiedOperator(parsing: "stringequals") == nil)
        #expect(QualifiedOperator(parsing: "ForSomeValues:StringEquals") == nil)
        for base in ConditionOperator.allCases {
            #expect(QualifiedOperator(parsing: base.rawValue)?.base == base)
        }
    }

    @Test func duplicatedConditionOperatorKeepsTheLastBlock() throws {
        // JSON with a repeated key: IAM keeps the last one.
        let parsed = try policy(allowWhen(#"{"StringEquals": {"a:b": "1"}, "StringEquals": {"c:d": "2"}}"#))
        #expect(parsed.statements[0].conditions.map(\.key) == ["c:d"])
    }

    @Test func unknownOperatorWithEmptyBodyIsAccepted() throws {
        let parsed = try policy(allowWhen(#"{"Foo": {}}"#))
        #expect(parsed.statements[0].conditions.isEmpty)
    }
}

@Suite("MalformedPolicyDocument messages")
struct ParseErrorTests {
    static let syntax = "Syntax errors in policy."

    @Test(arguments: [
        "not json",
        "[]",
        #"{"Version": "2012-10-17"}"#,
        #"{"Statement": []}"#,
        #"{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
        #"{"Version": 2012, "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
        #"{"Foo": 1, "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
        #"{"Statement": {"Action": "s3:*", "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Maybe", "Action": "s3:*", "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "NotAction": "s3:Get*", "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "NotResource": "*"}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": 7, "Resource": "*"}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Extra": 1}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Foo": {"a:b": "c"}}}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": "x"}}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"a:b": {"c": 1}}}}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"a:b": null}}}}"#,
        #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NullIfExists": {"a:b": "true"}}}}"#,
        #"{"Statement": {"Sid": 1, "Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
    ])
    func syntaxErrors(_ text: String) {
        expectParseError(text, .identity, Self.syntax)
    }

    @Test func effectInTheWrongCaseFailsLegacyParsing() {
        expectParseError(#"{"Statement": {"Effect": "allow", "Action": "s3:*", "Resource": "*"}}"#,
                         .identity, "The policy failed legacy parsing")
    }

    @Test func badDateValueFailsLegacyParsing() {
        expectParseError(allowWhen(#"{"DateLessThan": {"aws:CurrentTime": "yesterday"}}"#),
                         .identity, "The policy failed legacy parsing")
    }

    @Test func missingActions() {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Resource": "*"}}"#,
                         .identity, "Policy statement must contain actions.")
        expectParseError(#"{"Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}}"#,
                         .identity, "Policy statement must contain actions.")
    }

    @Test func missingResources() {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Action": "s3:*"}}"#,
                         .identity, "Policy statement must contain resources.")
        expectParseError(#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*"}}"#,
                         .resource, "Policy statement must contain resources.")
    }

    @Test(arguments: [PolicyKind.identity, .boundary, .session])
    func principalInAnIdentityPolicy(_ kind: PolicyKind) {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}}"#,
                         kind, "Policy document should not specify a principal.")
    }

    @Test(arguments: [PolicyKind.resource, .trust])
    func missingPrincipal(_ kind: PolicyKind) {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#,
                         kind, "Missing required field Principal")
    }

    @Test func trustPolicyWithResource() {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*"}}"#,
                         .trust, "Has prohibited field Resource")
    }

    @Test func trustPolicyNeedsNoResource() throws {
        let parsed = try policy(#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}}"#, .trust)
        #expect(parsed.statements[0].resources == nil)
    }

    @Test func organizationsPolicies() throws {
        let message = "The provided policy document does not meet the requirements of the specified policy type."
        expectParseError(#"{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}"#,
                         .serviceControl, message)
        expectParseError(#"{"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}"#,
                         .resourceControl, message)
        _ = try policy(#"{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}"#, .resourceControl)
    }

    @Test func invalidPrincipal() {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "s3:*", "Resource": "*"}}"#,
                         .resource, #"Invalid principal in policy: "AWS":"alice""#)
    }

    @Test func principalSyntax() {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Principal": "alice", "Action": "s3:*", "Resource": "*"}}"#,
                         .resource, Self.syntax)
        expectParseError(#"{"Statement": {"Effect": "Allow", "Principal": {"Group": "x"}, "Action": "s3:*", "Resource": "*"}}"#,
                         .resource, Self.syntax)
    }

    @Test func duplicateSids() {
        expectParseError("""
        {"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                       {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}
        """, .identity, "Statement IDs (SID) in a single policy must be unique.")
    }

    @Test func nonAlphanumericSidInIdentityPolicy() throws {
        let text = #"{"Statement": {"Sid": "read rows", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#
        expectParseError(text, .identity,
                         "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*")
        // Resource policies accept any Sid text.
        let resourceText = #"{"Statement": {"Sid": "read rows", "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}}"#
        #expect(try policy(resourceText, .resource).statements[0].sid == "read rows")
    }

    @Test(arguments: [
        ("GetItem", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        ("dynamodb:Get:Item", "Actions/Condition can contain only one colon."),
        ("dyn amo:GetItem", "Vendor dyn amo is not valid"),
    ])
    func badActions(_ action: String, _ message: String) {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Action": "\#(action)", "Resource": "*"}}"#,
                         .identity, message)
    }

    @Test(arguments: [
        ("Orders", #"Resource Orders must be in ARN format or "*"."#),
        ("arn:aws", "Resource vendor must be fully qualified and cannot contain regexes."),
        ("arn:aws:dyn*:us-east-1:1:table/x", "Resource vendor must be fully qualified and cannot contain regexes."),
        ("arn:foo:dynamodb:us-east-1:123456789012:table/x",
         #"Partition "foo" is not valid for resource "arn:foo:dynamodb:us-east-1:123456789012:table/x"."#),
        ("arn:aws::us-east-1:1:x", "The policy failed legacy parsing"),
    ])
    func badResources(_ resource: String, _ message: String) {
        expectParseError(#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "\#(resource)"}}"#,
                         .identity, message)
    }

    @Test func errorCarriesDetailAndPosition() {
        do {
            _ = try Policy.parse("{\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n \"Bogus\": 1}}", kind: .identity)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Syntax errors in policy.")
            #expect(error.detail.contains("Bogus"))
            #expect(error.position == SourcePosition(line: 3, column: 2))
        }
    }

    @Test func firstFailingCheckWins() {
        // A syntax error in the second statement outranks a missing action in the first.
        expectParseError("""
        {"Statement": [{"Effect": "Allow", "Resource": "*"},
                       {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Oops": true}]}
        """, .identity, Self.syntax)
    }
}

/// Documents and the messages IAM answered for them (cases recorded against IAM in
/// moto's tests/test_iam/test_iam_policies.py).
@Suite("MalformedPolicyDocument: IAM's recorded answers")
struct RecordedIAMAnswerTests {
    static let bucket = "arn:aws:s3:::example_bucket"

    static let cases: [(String, String)] = [
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "invalid"}}"#,
         "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "", "Resource": "\#(bucket)"}}"#,
         "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "a a:ListBucket", "Resource": "\#(bucket)"}}"#,
         "Vendor a a is not valid"),
        (#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3s:ListBucket", "Resource": "\#(bucket)"}, {"Effect": "Allow", "Action": "s:3s:ListBucket", "Resource": "\#(bucket)"}]}"#,
         "Actions/Condition can contain only one colon."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s:3:ListBucket", "Resource": "sdfsadf"}}"#,
         #"Resource sdfsadf must be in ARN format or "*"."#),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ""}}"#,
         #"Resource  must be in ARN format or "*"."#),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3s:ListBucket", "Resource": "a:bsdfdsafsad"}}"#,
         #"Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*"."#),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3s:ListBucket", "Resource": "a:b:cadfsdf"}}"#,
         #"Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*"."#),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3s:ListBucket", "Resource": "a:b:c:d:e:f:g:h"}}"#,
         #"Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h"."#),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "aws:s3:::example_bucket"}}"#,
         #"Partition "s3" is not valid for resource "arn:s3:::example_bucket:*"."#),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket"}}"#,
         "Policy statement must contain resources."),
        (#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny"}, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)"}]}"#,
         "Policy statement must contain actions."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:iam:::example_bucket"}}"#,
         #"IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/."#),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "arn:aws:s3::example_bucket"}}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:iam:us-east-1::example_bucket"}}"#,
         "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:us-east-1::example_bucket"}}"#,
         "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."),
        (#"{"Version": "2012-10-17", "Statement": [{"Sid": "sdf", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)"}, {"Sid": "sdf", "Effect": "Allow"}]}"#,
         "Statement IDs (SID) in a single policy must be unique."),
        (#"{"Version": "2012-10-17", "Statement": [{"Sid": "sdf", "Effect": "aLLow", "Action": "s3:ListBucket", "Resource": "\#(bucket)"}, {"Sid": "sdf", "Effect": "Allow"}]}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "allow", "Resource": "arn:aws:s3:us-east-1::example_bucket"}}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Condition": {"DateGreaterThan": {"a": "sdfdsf"}}}}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {"DateLessThanEquals": {"a": "2016-12-13t2:00:00.593194+1"}}}}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {"DateLessThan": {"a": "9223372036854775808"}}}}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:error:s3:::example_bucket", "Condition": {"DateGreaterThan": {"a": "sdfdsf"}}}}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws::fdsasf"}}"#,
         "The policy failed legacy parsing"),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {"ForAnyValue::StringEqualsIfExists": {"a": "asf"}}}}"#,
         "Syntax errors in policy."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {"x": {"a": "1"}}}}"#,
         "Syntax errors in policy."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "\#(bucket)", "Condition": {"DateGreaterThan": {"a": {}}}}}"#,
         "Syntax errors in policy."),
        (#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": [[]], "Resource": "\#(bucket)"}}"#,
         "Syntax errors in policy."),
    ]

    @Test(arguments: cases)
    func recordedAnswer(_ document: String, _ message: String) {
        expectParseError(document, .identity, message)
    }

    static let accepted: [String] = [
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam: asdf safdsf af ", "Resource": "\#(bucket)"}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["\#(bucket)", "*"]}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:iam:::user/example_bucket"}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:fdsasf"}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:ec2:us-east-1::example_bucket"}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {}}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {"DateGreaterThan": {"a": []}}}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {"a": {}}}}"#,
        #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(bucket)", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2017-07-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2017-12-31T23:59:59Z"}}}}"#,
    ]

    @Test(arguments: accepted)
    func acceptedByIAM(_ document: String) throws {
        _ = try Policy.parse(document, kind: .identity)
    }

    @Test func managedPoliciesNeedTheCurrentVersion() throws {
        let text = #"{"Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "\#(Self.bucket)"}}"#
        do {
            _ = try Policy.parse(text, kind: .identity, requireCurrentVersion: true)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Policy document must be version 2012-10-17 or greater.")
        }
        let old = text.replacing("{\"Statement\"", with: "{\"Version\": \"2008-10-17\", \"Statement\"")
        #expect(throws: PolicyParseError.self) { try Policy.parse(old, kind: .identity, requireCurrentVersion: true) }
        #expect(try Policy.parse(old, kind: .identity).version == "2008-10-17")
    }
}
