import DynamoModel

/// PutItem — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
/// The condition is evaluated inside the single writer's transaction, so concurrent
/// conditional writes to one item serialize.
struct PutItem: SingleWriteOperation {
    static let name = "PutItem"
    static let action = "dynamodb:PutItem"
    static let readOnly = false

    let tableName: String
    let write: PreparedWrite
    let options: SingleWrite.Options

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        (tableName, write, options) = try SingleWrite.conditionalWrite(p, member: "Item", path: "item", action: { item in .put(item) })
    }
}
