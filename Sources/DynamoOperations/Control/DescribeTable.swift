import DynamoModel

/// DescribeTable — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html
struct DescribeTable: TableNameOperation {
    static let name = "DescribeTable"
    static let action = "dynamodb:DescribeTable"
    static let readOnly = true
    let tableName: String

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let key = service.tableKey(tableName, env: env)
            guard let table = service.table(tableName, env: env) else {
                if let description = service.lifecycle.deleting(key, now: env.now) { return encode(["Table": description]) }
                throw .tableNotFound(key.name)
            }
            var status = service.lifecycle.tableStatus(key, now: env.now)
            if status == "ACTIVE" && service.blockedReplicas.contains(key) { status = "REPLICATION_NOT_AUTHORIZED" }  // [global]
            let description = TableEncryption.annotate(try service.describe(table, status: status),
                                                       table, service: service, now: env.now)  // [kms]
            return encode(["Table": TableDescription.withIndexStatuses(description, service.lifecycle.indexStatuses(key, now: env.now))])
        }
    }
}
