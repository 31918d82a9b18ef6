import PostureAudit
import Testing
import WardenSupport

@Suite struct TableChecksTests {
    @Test func aWellKeptTableHasNoFindings() {
        #expect(Fixtures.findings(Fixtures.goodTable()) == [])
    }

    @Test func pitrDisabledIsDynamoDB2() {
        var t = Fixtures.goodTable()
        t.continuousBackups = Fixtures.json(#"{"ContinuousBackupsStatus":"ENABLED","PointInTimeRecoveryDescription":{"PointInTimeRecoveryStatus":"DISABLED"}}"#)
        let f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["DynamoDB.2"])
        #expect(f[0].severity == .medium)
        #expect(f[0].resourceArn == Fixtures.arn)
        #expect(f[0].title == "DynamoDB tables should have point-in-time recovery enabled")
        #expect(f[0].fix == "aws dynamodb update-continuous-backups --table-name orders --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true")
    }

    @Test func deletionProtectionOffOrMissingIsDynamoDB6() {
        var t = Fixtures.goodTable()
        Fixtures.set(&t, "DeletionProtectionEnabled", false)
        #expect(Fixtures.findings(t).map(\.ruleId) == ["DynamoDB.6"])
        Fixtures.remove(&t, "DeletionProtectionEnabled")
        let f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["DynamoDB.6"])
        #expect(f[0].fix == "aws dynamodb update-table --table-name orders --deletion-protection-enabled")
    }

    @Test func provisionedCapacityWithoutTargetsAndPoliciesIsDynamoDB1() {
        var t = Fixtures.goodTable()
        Fixtures.set(&t, "BillingModeSummary", Fixtures.json(#"{"BillingMode":"PROVISIONED"}"#))
        #expect(Fixtures.findings(t).map(\.ruleId) == ["DynamoDB.1"])
        // A table created provisioned carries no BillingModeSummary at all.
        Fixtures.remove(&t, "BillingModeSummary")
        #expect(Fixtures.findings(t).map(\.ruleId) == ["DynamoDB.1"])
        func entry(_ id: String, _ dim: String) -> JSONValue { ["ResourceId": .string(id), "ScalableDimension": .string(dim)] }
        let table = [entry("table/orders", "dynamodb:table:ReadCapacityUnits"), entry("table/orders", "dynamodb:table:WriteCapacityUnits")]
        // Targets alone, or read only, do not pass; targets and policies for read and write do.
        #expect(Fixtures.findings(t, targets: table).map(\.ruleId) == ["DynamoDB.1"])
        #expect(Fixtures.findings(t, targets: table, policies: [table[0]]).map(\.ruleId) == ["DynamoDB.1"])
        #expect(Fixtures.findings(t, targets: table, policies: table) == [])
        // Each global secondary index needs its own.
        Fixtures.set(&t, "GlobalSecondaryIndexes", Fixtures.json(#"[{"IndexName":"byDate"}]"#))
        #expect(Fixtures.findings(t, targets: table, policies: table).map(\.ruleId) == ["DynamoDB.1"])
        let index = [entry("table/orders/index/byDate", "dynamodb:index:ReadCapacityUnits"), entry("table/orders/index/byDate", "dynamodb:index:WriteCapacityUnits")]
        #expect(Fixtures.findings(t, targets: table + index, policies: table + index) == [])
    }

    @Test func noBackupPlanSelectionIsDynamoDB4() {
        var t = Fixtures.goodTable()
        var f = Fixtures.findings(t, selections: [])
        #expect(f.map(\.ruleId) == ["DynamoDB.4"])
        #expect(f[0].title == "DynamoDB tables should be present in a backup plan")
        #expect(f[0].fix == #"aws backup create-backup-selection --backup-plan-id YOUR_PLAN_ID --backup-selection '{"SelectionName":"orders","IamRoleArn":"arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole","Resources":["arn:aws:dynamodb:us-east-1:123456789012:table/orders"]}'"#)
        let other = Fixtures.json(#"{"SelectionName":"o","IamRoleArn":"arn:aws:iam::123456789012:role/b","Resources":["arn:aws:dynamodb:us-east-1:123456789012:table/other"]}"#)
        #expect(Fixtures.findings(t, selections: [other]).map(\.ruleId) == ["DynamoDB.4"])
        // A tag condition covers the tables that carry the tag.
        let tagged = Fixtures.json(#"{"SelectionName":"t","IamRoleArn":"arn:aws:iam::123456789012:role/b","ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}"#)
        #expect(Fixtures.findings(t, selections: [tagged]).map(\.ruleId) == ["DynamoDB.4"])
        t.tags = ["backup": "daily"]
        f = Fixtures.findings(t, selections: [other, tagged])
        #expect(f == [])
    }

    @Test func awsOwnedAndAwsManagedKeys() {
        var t = Fixtures.goodTable()
        Fixtures.remove(&t, "SSEDescription")
        var f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["Warden.SSE.1"])
        #expect(f[0].severity == .low)
        Fixtures.set(&t, "SSEDescription", Fixtures.json(#"{"Status":"ENABLED","SSEType":"KMS","KMSMasterKeyArn":"arn:aws:kms:us-east-1:123456789012:key/aws"}"#))
        t.kmsKeyManager = "AWS"
        f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["Warden.SSE.2"])
        // A key whose manager could not be read is not reported.
        t.kmsKeyManager = nil
        #expect(Fixtures.findings(t) == [])
    }

    @Test func noTTLIsLow() {
        var t = Fixtures.goodTable()
        t.timeToLive = Fixtures.json(#"{"TimeToLiveStatus":"DISABLED"}"#)
        let f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["Warden.TTL.1"])
        #expect(f[0].severity == .low)
    }

    @Test func newAndOldImagesStreamIsInfoUnlessItsPolicyIsOpen() {
        var t = Fixtures.goodTable()
        Fixtures.set(&t, "StreamSpecification", Fixtures.json(#"{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}"#))
        Fixtures.set(&t, "LatestStreamArn", .string(Fixtures.streamArn))
        var f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["Warden.Stream.1"])
        #expect(f[0].severity == .info)
        #expect(f[0].resourceArn == Fixtures.streamArn)
        // KEYS_ONLY is not reported.
        Fixtures.set(&t, "StreamSpecification", Fixtures.json(#"{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}"#))
        #expect(Fixtures.findings(t) == [])
        // An open stream policy (even with a condition) raises it to medium, beside the
        // policy's own finding.
        Fixtures.set(&t, "StreamSpecification", Fixtures.json(#"{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}"#))
        t.streamPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"dynamodb:GetRecords","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#
        f = Fixtures.findings(t)
        #expect(f.map(\.ruleId) == ["Warden.Stream.1", "Warden.Policy.2"])
        #expect(f.map(\.severity) == [.medium, .low])
    }

    @Test func findingsAreOrderedMostSevereFirst() {
        var t = Fixtures.goodTable()
        t.timeToLive = nil
        t.continuousBackups = nil
        t.resourcePolicy = #"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"dynamodb:GetItem","Resource":"*"}}"#
        #expect(Fixtures.findings(t).map(\.ruleId) == ["Warden.Policy.1", "DynamoDB.2", "Warden.TTL.1"])
    }
}
