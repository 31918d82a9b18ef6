/// Every DynamoDB operation Warden serves, by its X-Amz-Target name.
public enum OperationRegistry {
    public static let dynamo: [String: any DynamoOperation.Type] = {
        let all: [any DynamoOperation.Type] = [
            CreateTable.self, DescribeTable.self, ListTables.self, UpdateTable.self, DeleteTable.self,
            TagResource.self, UntagResource.self, ListTagsOfResource.self,
            GetItem.self, PutItem.self, DeleteItem.self, UpdateItem.self, Query.self, Scan.self,
            BatchGetItem.self, BatchWriteItem.self, TransactGetItems.self, TransactWriteItems.self,
            ExecuteStatement.self, BatchExecuteStatement.self, ExecuteTransaction.self,
            DescribeEndpoints.self, DescribeLimits.self,
            UpdateTimeToLive.self, DescribeTimeToLive.self,
            PutResourcePolicy.self, GetResourcePolicy.self, DeleteResourcePolicy.self,
            // [pitr] point-in-time recovery and backups
            UpdateContinuousBackups.self, DescribeContinuousBackups.self, RestoreTableToPointInTime.self,
            CreateBackup.self, DescribeBackup.self, ListBackups.self, DeleteBackup.self, RestoreTableFromBackup.self,
        ]
        var map: [String: any DynamoOperation.Type] = [:]
        for op in all { map[op.name] = op }
        return map
    }()

    // [pitr] The DynamoDB Streams API (`DynamoDBStreams_20120810.*`), served on the same endpoint.
    public static let streams: [String: any DynamoOperation.Type] = {
        let all: [any DynamoOperation.Type] = [ListStreams.self, DescribeStream.self, GetShardIterator.self, GetRecords.self]
        var map: [String: any DynamoOperation.Type] = [:]
        for op in all { map[op.name] = op }
        return map
    }()
}
