import DynamoExpressions
import DynamoModel

/// PutItem — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
/// The condition is evaluated inside the single writer's transaction, so concurrent
/// conditional writes to one item serialize.
struct PutItem: DynamoOperation {
    static let name = "PutItem"
    static let readOnly = false

    let tableName: String
    let write: PreparedWrite
    let options: SingleWrite.Options

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        let item = try ItemParams.item(p, "Item", path: "item", constraints: &c)
        options = try SingleWrite.Options(p, constraints: &c)
        try c.check()
        try options.allowOnly(["NONE", "ALL_OLD"])
        try Legacy.checkNotMixed(request: p.json, legacy: ["Expected", "ConditionalOperator"], expression: ["ConditionExpression"])
        var expressions = try RequestExpressions(p)
        let condition = try WriteSupport.condition(p, expressions: &expressions)
        try expressions.finish()
        write = PreparedWrite(key: item, action: .put(item),
                              condition: condition, returnOnFailure: options.returnOnFailure)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        SingleWrite.authorization("dynamodb:PutItem", tableName: tableName, write: write, options: options, service: service, env: env)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        SingleWrite.execute(tableName: tableName, write: write, options: options, service: service, env: env, completion: completion)
    }
}
