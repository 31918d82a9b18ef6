import DynamoModel

/// DescribeTable — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html
struct DescribeTable: TableNameOperation {
    static let name = "DescribeTable"
    static let action = "dynamodb:DescribeTable"
    static let readOnly = true
    let tableName: String

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            guard let table = service.table(tableName, env: env) else {
                throw .tableNotFound(service.tableKey(tableName, env: env).name)
            }
            return encode(["Table": try service.describe(table)])
        }
    }
}
