import DynamoModel
/// An operation on one table named by `TableName`, authorized as one action on that table
/// (the control-plane operations: DescribeTable, UpdateTable, DeleteTable, TTL, continuous
/// backups …).
protocol TableOperation: DynamoOperation {
    /// The IAM action, e.g. "dynamodb:DescribeTable".
    static var action: String { get }
    var tableName: String { get }
}

extension TableOperation {
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: Self.action, resource: service.tableArn(tableName, env: env),
                                                 resourceAccount: service.tableKey(tableName, env: env).account)])
    }
}

/// A table operation whose only parameter is `TableName` (DescribeTable, DeleteTable …): the
/// parameter is read and checked here, once.
protocol TableNameOperation: TableOperation {
    init(tableName: String)
}

extension TableNameOperation {
    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        let tableName = try TableNameParam.read(p, constraints: &c)
        try c.check()
        self.init(tableName: tableName)
    }
}
