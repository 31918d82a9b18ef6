import PostureAudit
import Testing
import WardenSupport

@Suite struct PolicyChecksTests {
    func identity(_ document: String, holder: IdentityPolicy.Holder = .user("alice")) -> [Finding] {
        var s = PostureSnapshot()
        s.identityPolicies = [IdentityPolicy(holder: holder, arn: "arn:aws:iam::123456789012:user/alice", policyName: "p", document: document)]
        return PostureAudit.run(s)
    }

    @Test func wildcardPrincipalWithoutConditionOnTheTableIsHigh() {
        var t = Fixtures.goodTable()
        t.resourcePolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["dynamodb:GetItem"],"Resource":"*"}]}"#
        let f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["Warden.Policy.1"])
        #expect(f[0].severity == .high)
        #expect(f[0].fix == "aws dynamodb delete-resource-policy --resource-arn \(Fixtures.arn)")
    }

    @Test func wildcardNarrowedByAConditionIsLow() {
        var t = Fixtures.goodTable()
        t.resourcePolicy = #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"dynamodb:GetItem","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-123"}}}]}"#
        let f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["Warden.Policy.2"])
        #expect(f[0].severity == .low)
    }

    @Test func aDenyOrANamedPrincipalPasses() {
        var t = Fixtures.goodTable()
        for policy in [
            #"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"dynamodb:*","Resource":"*"}]}"#,
            #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"dynamodb:GetItem","Resource":"*"}]}"#,
            "not json",
        ] {
            t.resourcePolicy = policy
            #expect(Fixtures.findings(t) == [], "\(policy)")
        }
    }

    @Test func wildcardOnTheStreamPolicyNamesTheStream() {
        var t = Fixtures.goodTable()
        Fixtures.set(&t, "StreamSpecification", Fixtures.json(#"{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}"#))
        Fixtures.set(&t, "LatestStreamArn", .string(Fixtures.streamArn))
        t.streamPolicy = #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"dynamodb:GetRecords","Resource":"*"}]}"#
        #expect(Fixtures.findings(t).map(\.resourceArn) == [Fixtures.streamArn])
    }

    @Test func dynamodbStarOnStarIsHigh() {
        for action in [#""dynamodb:*""#, #"["dynamodb:*"]"#, #""*""#, #""DynamoDB:*""#] {
            let f = identity(#"{"Statement":[{"Effect":"Allow","Action":\#(action),"Resource":"*"}]}"#)
            #expect(f.map(\.ruleId) == ["Warden.IAM.1"], "\(action)")
            #expect(f.first?.title == "Identity policy p allows dynamodb:* on *")
            #expect(f.first?.fix == "aws iam put-user-policy --user-name alice --policy-name p --policy-document file://narrower-policy.json")
        }
    }

    @Test func narrowerGrantsPass() {
        for statement in [
            #"{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/orders"}"#,
            #"{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*"}"#,
            #"{"Effect":"Deny","Action":"dynamodb:*","Resource":"*"}"#,
            #"{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}"#,
        ] {
            #expect(identity(#"{"Statement":[\#(statement)]}"#) == [], "\(statement)")
        }
    }

    @Test func managedPolicyFixMakesANewVersion() {
        var s = PostureSnapshot()
        s.identityPolicies = [IdentityPolicy(holder: .managed, arn: "arn:aws:iam::123456789012:policy/admin", policyName: "admin",
                                             document: #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)]
        #expect(PostureAudit.run(s).map(\.fix) == ["aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/admin --policy-document file://narrower-policy.json --set-as-default"])
    }

    @Test func groupPolicyFixNamesTheGroup() {
        let f = identity(#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":["*"]}]}"#, holder: .group("ops"))
        #expect(f.map(\.fix) == ["aws iam put-group-policy --group-name ops --policy-name p --policy-document file://narrower-policy.json"])
    }

    static let table = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"

    @Test func leadingKeysWithScanOnTheSameTableIsMedium() {
        let f = identity(#"""
            {"Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query","dynamodb:Scan"],
              "Resource":"\#(Self.table)",
              "Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"]}}}]}
            """#, holder: .role("app"))
        #expect(f.map(\.ruleId) == ["Warden.FGAC.1"])
        #expect(f[0].severity == .medium)
        #expect(f[0].fix == "aws iam put-role-policy --role-name app --policy-name p --policy-document file://narrower-policy.json")
        // Scan allowed by another statement, through a wildcard action and resource.
        let split = identity(#"""
            {"Statement":[{"Effect":"Allow","Action":"dynamodb:Query","Resource":"\#(Self.table)",
              "Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"]}}},
             {"Effect":"Allow","Action":"dynamodb:Sc*","Resource":"arn:aws:dynamodb:*:*:table/*"}]}
            """#)
        #expect(split.map(\.ruleId) == ["Warden.FGAC.1"])
    }

    @Test func anUnconditionalDenyOfScanClosesThePitfall() {
        let base = #"{"Effect":"Allow","Action":["dynamodb:Query","dynamodb:Scan"],"Resource":"\#(Self.table)","Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"]}}}"#
        #expect(identity(#"{"Statement":[\#(base),{"Effect":"Deny","Action":"dynamodb:Scan","Resource":"\#(Self.table)"}]}"#) == [])
        #expect(identity(#"{"Statement":[\#(base),{"Effect":"Deny","Action":"dynamodb:Scan","Resource":"*"}]}"#) == [])
        // A Deny elsewhere, or one that only applies under a condition, does not.
        #expect(identity(#"{"Statement":[\#(base),{"Effect":"Deny","Action":"dynamodb:Scan","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/other"}]}"#)
                .map(\.ruleId) == ["Warden.FGAC.1"])
        #expect(identity(#"{"Statement":[\#(base),{"Effect":"Deny","Action":"dynamodb:Scan","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#)
                .map(\.ruleId) == ["Warden.FGAC.1"])
    }

    @Test func leadingKeysWithoutScanOrScanElsewherePasses() {
        #expect(identity(#"""
            {"Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],"Resource":"\#(Self.table)",
              "Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"]}}},
             {"Effect":"Allow","Action":"dynamodb:Scan","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/other"},
             {"Effect":"Deny","Action":"dynamodb:Scan","Resource":"\#(Self.table)"}]}
            """#) == [])
    }
}
