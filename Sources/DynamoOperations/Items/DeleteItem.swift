import DynamoExpressions
import DynamoModel

/// DeleteItem — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html
struct DeleteItem: DynamoOperation {
    static let name = "DeleteItem"
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
        try options.allowOnly(["NONE", "ALL_OLD"])
        try Legacy.checkNotMixed(request: p.json, legacy: ["Expected", "ConditionalOperator"], expression: ["ConditionExpression"])
        var expressions = try RequestExpressions(p)
        let condition = try WriteSupport.condition(p, expressions: &expressions)
        try expressions.finish()
        write = PreparedWrite(key: key, action: .delete,
                              condition: condition, returnOnFailure: options.returnOnFailure)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        SingleWrite.authorization("dynamodb:DeleteItem", tableName: tableName, write: write, options: options, service: service, env: env)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        SingleWrite.execute(tableName: tableName, write: write, options: options, service: service, env: env, completion: completion)
    }
}
