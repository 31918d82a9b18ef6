import DynamoExpressions
import DynamoModel

/// The members Query and Scan share, decoded in DynamoDB's order: table and index names,
/// Select, Limit and ReturnConsumedCapacity constraints (with the operation's own constraints
/// collected in the same envelope), then the expressions — the operation's own first (Query's
/// key condition), then the filter (or the legacy QueryFilter/ScanFilter) and the projection (or
/// AttributesToGet) — then the Select rules.
struct ReadRequest {
    var tableName: String
    var indexName: String?
    var run: ReadRun
    var startKey: Item?

    static func decode(_ p: Params, isQuery: Bool,
                       constraints extra: (inout Constraints) throws(DynamoError) -> Void,
                       afterConstraints: () throws(DynamoError) -> Void,
                       ownExpressions: (inout RequestExpressions) throws(DynamoError) -> Void) throws(DynamoError) -> ReadRequest {
        var c = Constraints()
        let tableName = try TableNameParam.read(p, constraints: &c)
        let indexName = try p.string("IndexName")
        if let indexName { c.tableName(indexName, at: "indexName") }
        let select = try p.string("Select")
        c.oneOf(select, at: "select", ["SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"])
        let limit = try p.int("Limit")
        c.atLeast(limit, at: "limit", 1)
        try extra(&c)
        let capacityMode = try ReturnOptions.consumedCapacity(p, constraints: &c)
        try c.check()
        try afterConstraints()
        let legacyFilter = isQuery ? "QueryFilter" : "ScanFilter"
        try Legacy.checkNotMixed(request: p.json, legacy: (isQuery ? ["KeyConditions"] : []) + [legacyFilter, "AttributesToGet", "ConditionalOperator"],
                                 expression: (isQuery ? ["KeyConditionExpression"] : []) + ["FilterExpression", "ProjectionExpression"])
        var expressions = try RequestExpressions(p)
        try ownExpressions(&expressions)
        var filter = try expressions.condition(p, "FilterExpression", kind: .filter)
        if let legacy = p[legacyFilter] {
            filter = try Legacy.filter(legacy, conditionalOperator: p.string("ConditionalOperator"), kind: isQuery ? .queryFilter : .scanFilter)
        }
        var projection = try expressions.projection(p)
        if let attributesToGet = p["AttributesToGet"] { projection = try Legacy.attributesToGet(attributesToGet) }
        try expressions.finish()
        let consistent = try p.bool("ConsistentRead") ?? false
        let projectionMember = p["AttributesToGet"] != nil ? "AttributesToGet" : (projection != nil ? "ProjectionExpression" : nil)
        try ReadRun.checkSelect(select, projectionMember: projectionMember, indexName: indexName, isQuery: isQuery)
        return ReadRequest(tableName: tableName, indexName: indexName,
                           run: ReadRun(filter: filter, projection: projection, select: select, limit: limit.map(Int.init),
                                        consistent: consistent, capacityMode: capacityMode),
                           startKey: try ItemParams.optionalItem(p["ExclusiveStartKey"]))
    }

    /// The authorization check of a Query or Scan: on the index ARN for index reads (the
    /// table's resource policy applies), with the keys `ItemAccess.read` derives.
    func authorization(_ action: String, partitionValue: AttributeValue?, keyConditionAttributes: AttributeNameSet,
                       service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let tableKey = service.tableKey(tableName, env: env)
        let tableArn = service.tableArn(tableName, env: env)
        let fgac = ItemAccess.read(partitionValue: partitionValue, keyConditionAttributes: keyConditionAttributes, run: run,
                                   index: indexName != nil)
        let resource = indexName.map { "\(tableArn)/index/\($0)" } ?? tableArn
        return AuthorizationRequest([AuthorizationCheck(action: action, resource: resource, resourceAccount: tableKey.account,
                                                        policyResource: tableArn, fgac: fgac)])
    }
}
