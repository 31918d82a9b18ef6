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

    static func authorization(_ action: String, tableName: String, write: PreparedWrite, options: Options,
                              service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let tableKey = service.tableKey(tableName, env: env)
        var keys = ItemParams.leadingKeys(write.key, table: service.catalog.get(tableKey))
        keys["dynamodb:Attributes"] = write.attributes.sorted()
        if let v = options.returnValues { keys["dynamodb:ReturnValues"] = [v] }
        if let v = options.capacityMode { keys["dynamodb:ReturnConsumedCapacity"] = [v] }
        return AuthorizationRequest([AuthorizationCheck(action: action, resource: service.tableArn(tableName, env: env),
                                                        resourceAccount: tableKey.account, keys: keys)])
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
