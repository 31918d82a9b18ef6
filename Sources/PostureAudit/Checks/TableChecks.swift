import WardenSupport

/// The checks on a table's own settings: Security Hub's DynamoDB.2 and .6, the key it is
/// encrypted with, TTL, and its stream's view type. (DynamoDB.1 and .4 look at the table's
/// surroundings: `CoverageChecks`.)
enum TableChecks {
    static func findings(for table: TableState) -> [Finding] {
        let d = table.description, name = table.name, arn = table.arn
        var out: [Finding] = []
        let pitr = table.continuousBackups?["PointInTimeRecoveryDescription"]?["PointInTimeRecoveryStatus"]?.stringValue
        if pitr != "ENABLED" {
            out.append(Finding(rule: .pointInTimeRecovery, resourceArn: arn,
                               fix: "aws dynamodb update-continuous-backups --table-name \(name) --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true"))
        }
        if d["DeletionProtectionEnabled"]?.boolValue != true {
            out.append(Finding(rule: .deletionProtection, resourceArn: arn,
                               fix: "aws dynamodb update-table --table-name \(name) --deletion-protection-enabled"))
        }
        let sse = d["SSEDescription"]
        let keyFix = "aws dynamodb update-table --table-name \(name) --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=YOUR_KEY_ARN"
        if sse?["Status"]?.stringValue != "ENABLED" && sse?["Status"]?.stringValue != "UPDATING" {
            out.append(Finding(rule: .awsOwnedKey, resourceArn: arn, fix: keyFix))
        } else if table.kmsKeyManager == "AWS" {
            out.append(Finding(rule: .awsManagedKey, resourceArn: arn, fix: keyFix))
        }
        if table.timeToLive?["TimeToLiveStatus"]?.stringValue != "ENABLED" {
            out.append(Finding(rule: .noTTL, resourceArn: arn,
                               fix: "aws dynamodb update-time-to-live --table-name \(name) --time-to-live-specification Enabled=true,AttributeName=expiresAt"))
        }
        if let stream = table.streamArn, d["StreamSpecification"]?["StreamEnabled"]?.boolValue == true,
           d["StreamSpecification"]?["StreamViewType"]?.stringValue == "NEW_AND_OLD_IMAGES" {
            let open = table.streamPolicy.map { PolicyDocument($0).statements.contains { $0.allows && $0.principalIsWildcard } } ?? false
            if open {
                out.append(Finding(rule: .streamImages, severity: .medium, resourceArn: stream,
                                   title: "Stream carries NEW_AND_OLD_IMAGES and its resource policy allows any principal",
                                   why: "The stream's resource policy admits any principal (narrowed at most by conditions), and each record holds whole items before and after each change: anyone allowed can read the table's data without any permission on the table.",
                                   fix: "aws dynamodb delete-resource-policy --resource-arn \(stream)"))
            } else {
                out.append(Finding(rule: .streamImages, resourceArn: stream,
                                   fix: "aws dynamodb get-resource-policy --resource-arn \(stream)"))
            }
        }
        return out
    }

    static func numberText(_ value: JSONValue?) -> String {
        if case .number(let n)? = value { return n }
        return value?.stringValue ?? ""
    }
}
