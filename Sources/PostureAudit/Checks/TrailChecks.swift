import WardenSupport

/// Whether some logging trail selects the table's data events, by basic event selectors
/// (DataResources of type AWS::DynamoDB::Table) or advanced ones (eventCategory Data,
/// resources.type AWS::DynamoDB::Table, optionally narrowed by resources.ARN)
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
enum TrailChecks {
    static func findings(for table: TableState, trails: [TrailState]) -> [Finding] {
        if trails.contains(where: { $0.isLogging && covers($0.selectors, tableArn: table.arn) }) { return [] }
        let selector = #"'[{"Name":"DynamoDB data events","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]}]}]'"#
        let fix = trails.first.map { "aws cloudtrail put-event-selectors --trail-name \($0.name) --advanced-event-selectors \(selector)" }
            ?? "aws cloudtrail create-trail --name dynamodb-data-events --s3-bucket-name YOUR_TRAIL_BUCKET && aws cloudtrail put-event-selectors --trail-name dynamodb-data-events --advanced-event-selectors \(selector) && aws cloudtrail start-logging --name dynamodb-data-events"
        return [Finding(rule: .noDataEventTrail, resourceArn: table.arn, fix: fix)]
    }

    static func covers(_ selectors: JSONValue, tableArn: String) -> Bool {
        for selector in selectors["EventSelectors"]?.arrayValue ?? [] {
            for resource in selector["DataResources"]?.arrayValue ?? [] where resource["Type"]?.stringValue == "AWS::DynamoDB::Table" {
                let values = PolicyDocument.strings(resource["Values"])
                if values.contains(where: { $0 == "arn:aws:dynamodb" || tableArn.hasPrefix($0) }) { return true }
            }
        }
        for selector in selectors["AdvancedEventSelectors"]?.arrayValue ?? [] {
            var category = false, type = false, arn = true
            for field in selector["FieldSelectors"]?.arrayValue ?? [] {
                let equals = PolicyDocument.strings(field["Equals"])
                switch field["Field"]?.stringValue {
                case "eventCategory": category = equals.contains("Data")
                case "resources.type": type = equals.contains("AWS::DynamoDB::Table")
                case "resources.ARN":
                    let starts = PolicyDocument.strings(field["StartsWith"])
                    let notEquals = PolicyDocument.strings(field["NotEquals"])
                    let notStarts = PolicyDocument.strings(field["NotStartsWith"])
                    var ok = equals.isEmpty && starts.isEmpty ? true : (equals.contains(tableArn) || starts.contains { tableArn.hasPrefix($0) })
                    if notEquals.contains(tableArn) || notStarts.contains(where: { tableArn.hasPrefix($0) }) { ok = false }
                    arn = arn && ok
                default: break
                }
            }
            if category && type && arn { return true }
        }
        return false
    }
}
