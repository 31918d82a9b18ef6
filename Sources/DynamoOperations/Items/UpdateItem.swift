import DynamoExpressions
import DynamoModel

/// UpdateItem — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
/// Creates the item when it does not exist. Read-modify-write runs inside the single writer's
/// transaction; applying the update is pure.
struct UpdateItem: SingleWriteOperation {
    static let name = "UpdateItem"
    static let action = "dynamodb:UpdateItem"
    static let readOnly = false

    let tableName: String
    let write: PreparedWrite
    let options: SingleWrite.Options

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        let key = try ItemParams.item(p, "Key", path: "key", constraints: &c)
        options = try SingleWrite.Options(p, constraints: &c)
        try c.check()
        try Legacy.checkNotMixed(request: p.json, legacy: ["AttributeUpdates", "Expected", "ConditionalOperator"],
                                 expression: ["UpdateExpression", "ConditionExpression"])
        var expressions = try RequestExpressions(p)
        // DynamoDB checks the update before the condition.
        let update: Update?
        if let updates = p["AttributeUpdates"] {
            update = try Legacy.attributeUpdates(updates)
        } else {
            update = try expressions.update(p)
        }
        let condition = try WriteSupport.condition(p, expressions: &expressions)
        try expressions.finish()
        write = PreparedWrite(key: key, action: .update(update),
                              condition: condition, returnOnFailure: options.returnOnFailure)
    }
}
