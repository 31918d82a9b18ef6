import WardenSupport

/// The checks on what surrounds a table, as Security Hub's controls decide them:
/// DynamoDB.1 (AWS Config's dynamodb-autoscaling-enabled: a provisioned table and each of its
/// global secondary indexes scale both read and write capacity — here: a scalable target and
/// a scaling policy for each of the four dimensions) and DynamoDB.4
/// (dynamodb-resources-protected-by-backup-plan: a selection of a backup plan assigns the
/// table). https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html
enum CoverageChecks {
    static func findings(for table: TableState, _ snapshot: PostureSnapshot) -> [Finding] {
        var out: [Finding] = []
        let name = table.name, arn = table.arn
        let billing = table.description["BillingModeSummary"]?["BillingMode"]?.stringValue ?? "PROVISIONED"
        if billing == "PROVISIONED", !unscaled(table, snapshot).isEmpty {
            out.append(Finding(rule: .autoScaling, resourceArn: arn,
                               fix: "aws dynamodb update-table --table-name \(name) --billing-mode PAY_PER_REQUEST"))
        }
        if !snapshot.backupSelections.contains(where: { BackupSelectionMatch.covers($0, arn: arn, tags: table.tags) }) {
            let account = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? ""
            out.append(Finding(rule: .backupPlan, resourceArn: arn,
                               fix: "aws backup create-backup-selection --backup-plan-id YOUR_PLAN_ID --backup-selection "
                                   + "'{\"SelectionName\":\"\(name)\",\"IamRoleArn\":\"arn:aws:iam::\(account):role/service-role/AWSBackupDefaultServiceRole\","
                                   + "\"Resources\":[\"\(arn)\"]}'"))
        }
        return out
    }

    /// The (resource id, dimension) pairs of a provisioned table that lack a scalable target
    /// or a scaling policy: `table/NAME` and each `table/NAME/index/INDEX`, read and write.
    static func unscaled(_ table: TableState, _ snapshot: PostureSnapshot) -> [(String, String)] {
        let base = "table/\(table.name)"
        var wanted = [(base, "dynamodb:table:ReadCapacityUnits"), (base, "dynamodb:table:WriteCapacityUnits")]
        for index in table.description["GlobalSecondaryIndexes"]?.arrayValue ?? [] {
            guard let indexName = index["IndexName"]?.stringValue else { continue }
            wanted += [("\(base)/index/\(indexName)", "dynamodb:index:ReadCapacityUnits"), ("\(base)/index/\(indexName)", "dynamodb:index:WriteCapacityUnits")]
        }
        func has(_ list: [JSONValue], _ id: String, _ dimension: String) -> Bool {
            list.contains { $0["ResourceId"]?.stringValue == id && $0["ScalableDimension"]?.stringValue == dimension }
        }
        return wanted.filter { !has(snapshot.scalableTargets, $0.0, $0.1) || !has(snapshot.scalingPolicies, $0.0, $0.1) }
    }
}
