import DynamoModel

/// DeleteItem — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html
struct DeleteItem: SingleWriteOperation {
    static let name = "DeleteItem"
    static let action = "dynamodb:DeleteItem"
    static let readOnly = false

    let tableName: String
    let write: PreparedWrite
    let options: SingleWrite.Options

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        (tableName, write, options) = try SingleWrite.conditionalWrite(p, member: "Key", path: "key", action: { _ in .delete })
    }
}
