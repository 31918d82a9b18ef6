import PostureAudit
import WardenSupport

/// Fixture answers shaped as the public APIs return them.
enum Fixtures {
    static let now = 1_800_000_000.0
    static let arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    static let streamArn = arn + "/stream/2026-12-05T06:00:00.000"

    /// A table that passes every table check: on demand, protected, PITR, a customer managed
    /// key, TTL, no stream (and `findings` puts it in a backup plan).
    static func goodTable() -> TableState {
        var t = TableState(description: json("""
            {"TableName":"orders","TableArn":"\(arn)","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},
             "DeletionProtectionEnabled":true,
             "SSEDescription":{"Status":"ENABLED","SSEType":"KMS","KMSMasterKeyArn":"arn:aws:kms:us-east-1:123456789012:key/k1"}}
            """))
        t.continuousBackups = json(#"{"ContinuousBackupsStatus":"ENABLED","PointInTimeRecoveryDescription":{"PointInTimeRecoveryStatus":"ENABLED"}}"#)
        t.timeToLive = json(#"{"TimeToLiveStatus":"ENABLED","AttributeName":"expiresAt"}"#)
        t.kmsKeyManager = "CUSTOMER"
        return t
    }

    static func json(_ text: String) -> JSONValue { try! JSONParser.parse(text) }

    static func set(_ table: inout TableState, _ member: String, _ value: JSONValue) {
        guard case .object(var members) = table.description else { return }
        members.removeAll { $0.0 == member }
        members.append((member, value))
        table.description = .object(members)
    }

    static func remove(_ table: inout TableState, _ member: String) {
        guard case .object(var members) = table.description else { return }
        members.removeAll { $0.0 == member }
        table.description = .object(members)
    }

    /// A backup selection of every DynamoDB table.
    static let everyTable = json(#"{"SelectionName":"all","IamRoleArn":"arn:aws:iam::123456789012:role/b","Resources":["arn:aws:dynamodb:*:*:table/*"]}"#)

    static func findings(_ table: TableState, trails: [TrailState] = [loggingTrail], selections: [JSONValue] = [everyTable],
                         targets: [JSONValue] = [], policies: [JSONValue] = []) -> [Finding] {
        var s = PostureSnapshot()
        s.tables = [table]
        s.trails = trails
        s.backupSelections = selections
        s.scalableTargets = targets
        s.scalingPolicies = policies
        return PostureAudit.run(s)
    }

    static let loggingTrail = TrailState(name: "main", isLogging: true, selectors: json("""
        {"AdvancedEventSelectors":[{"Name":"ddb","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},
         {"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]}]}]}
        """))
}
