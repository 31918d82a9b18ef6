import DynamoExpressions
import DynamoModel

/// PutItem, UpdateItem and DeleteItem: the options they share, their authorization request,
/// and their execution through the writer.
enum SingleWrite {
    struct Options: Sendable {
        var returnValues: String?
        var returnOnFailure: String?
        var capacityMode: String?
        var metricsMode: String?

        init(_ p: Params, constraints c: inout Constraints) throws(DynamoError) {
            returnValues = try ReturnOptions.values(p, constraints: &c)
            returnOnFailure = try ReturnOptions.valuesOnConditionCheckFailure(p, constraints: &c)
            capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
            metricsMode = try ReturnOptions.itemCollectionMetrics(p, constraints: &c)
        }

        func allowOnly(_ values: [String]) throws(DynamoError) {
            if let returnValues, !values.contains(returnValues) {
                throw .validation("ReturnValues can only be ALL_OLD or NONE")
            }
        }
    }

    /// PutItem's and DeleteItem's parameters, read and checked in AWS's order: TableName, the
    /// item (`Item`) or key (`Key`), the return options (ReturnValues only NONE or ALL_OLD), no
    /// mix of legacy and expression parameters, then the condition.
    static func conditionalWrite(_ p: Params, member: String, path: String, action: (Item) -> PreparedWrite.Action)
        throws(DynamoError) -> (tableName: String, write: PreparedWrite, options: Options) {
        var c = Constraints()
        let tableName = try TableNameParam.read(p, constraints: &c)
        let item = try ItemParams.item(p, member, path: path, constraints: &c)
        let options = try Options(p, constraints: &c)
        try c.check()
        try options.allowOnly(["NONE", "ALL_OLD"])
        try Legacy.checkNotMixed(request: p.json, legacy: ["Expected", "ConditionalOperator"], expression: ["ConditionExpression"])
        var expressions = try RequestExpressions(p)
        let condition = try WriteSupport.condition(p, expressions: &expressions)
        try expressions.finish()
        return (tableName, PreparedWrite(key: item, action: action(item), condition: condition, returnOnFailure: options.returnOnFailure), options)
    }

    static func authorization(_ action: String, tableName: String, write: PreparedWrite, options: Options,
                              service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let tableKey = service.tableKey(tableName, env: env)
        let fgac = ItemAccess.write(write, table: service.catalog.get(tableKey), returnValues: options.returnValues,
                                    capacityMode: options.capacityMode)
        return AuthorizationRequest([AuthorizationCheck(action: action, resource: service.tableArn(tableName, env: env),
                                                        resourceAccount: tableKey.account, fgac: fgac)])
    }

    static func execute(tableName: String, write: PreparedWrite, options: Options, service: DynamoService,
                        env: RequestEnvironment, completion: @escaping Completion) {
        let tableKey = service.tableKey(tableName, env: env)
        do {
            try write.validate(try service.requireTable(tableName, env: env))
        } catch {
            return completion(.failure(error))
        }
        let prepared = write
        service.writeItem(tableKey, completion: { (result: Result<WriteSupport.Outcome, DynamoError>) in
            completion(result.map { WriteSupport.response($0, tableName: tableKey.name, capacityMode: options.capacityMode) })
        }) { table, writer in
            let outcome = try prepared.run(table, writer: writer, now: env.now)
            let metrics = try WriteSupport.itemCollectionMetrics(table, key: outcome.encodedKey, keyItem: prepared.key,
                                                                 mode: options.metricsMode, reader: writer.reader)
            return WriteSupport.Outcome(attributes: returnedAttributes(options.returnValues, outcome), capacity: outcome.capacity, metrics: metrics)
        }
    }

    static func returnedAttributes(_ mode: String?, _ o: PreparedWrite.Outcome) -> Item? {
        switch mode {
        case "ALL_OLD": return o.old
        case "ALL_NEW": return o.new
        case "UPDATED_OLD": return o.old.flatMap { old in o.touched?.updatedAttributes(of: old) }
        case "UPDATED_NEW": return o.new.flatMap { new in o.touched?.updatedAttributes(of: new) }
        default: return nil
        }
    }
}

/// PutItem, UpdateItem and DeleteItem: one item write, authorized as `action` on its table and
/// run through the writer.
protocol SingleWriteOperation: DynamoOperation {
    /// The IAM action, e.g. "dynamodb:PutItem".
    static var action: String { get }
    var tableName: String { get }
    var write: PreparedWrite { get }
    var options: SingleWrite.Options { get }
}

extension SingleWriteOperation {
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        SingleWrite.authorization(Self.action, tableName: tableName, write: write, options: options, service: service, env: env)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        SingleWrite.execute(tableName: tableName, write: write, options: options, service: service, env: env, completion: completion)
    }
}
