/// Which DynamoDB operations CloudTrail logs as data events, and which only read.
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/logging-using-cloudtrail.html)
public enum DynamoEventCatalog {
    public static let eventSource = "dynamodb.amazonaws.com"
    public static let apiVersion = "2012-08-10"
    public static let tableResourceType = "AWS::DynamoDB::Table"
    public static let streamResourceType = "AWS::DynamoDB::Stream"

    /// Item-level operations: data events, recorded by trails only when selected.
    public static let dataEvents: Set<String> = [
        "GetItem", "PutItem", "UpdateItem", "DeleteItem", "BatchGetItem", "BatchWriteItem", "Query", "Scan",
        "TransactGetItems", "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
    ]

    /// DynamoDB Streams data events (resource type `AWS::DynamoDB::Stream`).
    public static let streamDataEvents: Set<String> = ["GetRecords", "GetShardIterator", "DescribeStream"]

    public static func isDataEvent(_ operation: String) -> Bool {
        dataEvents.contains(operation) || streamDataEvents.contains(operation)
    }

    /// CloudTrail's readOnly for an operation that declares none.
    public static func isReadOnly(_ operation: String) -> Bool {
        ["Get", "Describe", "List", "Query", "Scan", "BatchGet", "TransactGet", "Lookup"].contains { operation.hasPrefix($0) }
    }
}
