import DynamoExpressions
import DynamoModel

/// One PartiQL statement of a request — ExecuteStatement's own members, a
/// BatchExecuteStatement `BatchStatementRequest` or an ExecuteTransaction
/// `ParameterizedStatement` — its members checked as DynamoDB's framework checks them, then
/// parsed and its parameters bound.
struct StatementInput: Sendable {
    var text: String
    var statement: PartiQLStatement
    var bound: BoundStatement
    var parameters: [AttributeValue]
    var consistent: Bool
    var returnOnFailure: String?

    /// The members, before the statement is read: `Statement`, `Parameters`,
    /// `ConsistentRead`, `ReturnValuesOnConditionCheckFailure`. `path` prefixes the framework's
    /// member paths (`statements.1.member.` in a batch).
    struct Members: Sendable {
        var text: String?
        var parameters: [AttributeValue]
        var consistent: Bool
        var returnOnFailure: String?

        init(_ p: Params, path: String = "", constraints c: inout Constraints) throws(DynamoError) {
            text = try p.string("Statement")
            c.notNull(text, at: path + "statement")
            c.length(text, at: path + "statement", min: 1, max: PartiQLStatement.maxLength)
            let list = try p.list("Parameters")
            if let list, list.isEmpty {
                c.fail("[]", at: path + "parameters", "Member must have length greater than or equal to 1")
            }
            var values: [AttributeValue] = []
            for element in list ?? [] { values.append(try AttributeValueCodec.decode(element)) }
            parameters = values
            consistent = try p.bool("ConsistentRead") ?? false
            returnOnFailure = try p.string("ReturnValuesOnConditionCheckFailure")
            c.oneOf(returnOnFailure, at: path + "returnValuesOnConditionCheckFailure", ["ALL_OLD", "NONE"])
        }

        /// Reads the statement and binds its parameters.
        func parse() throws(DynamoError) -> StatementInput {
            let text = self.text ?? ""
            let statement = try PartiQLStatement.parse(text)
            return StatementInput(text: text, statement: statement, bound: try statement.bind(parameters), parameters: parameters, consistent: consistent,
                                  returnOnFailure: returnOnFailure)
        }
    }

    /// The IAM action of a statement (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html).
    var action: String {
        switch statement.kind {
        case .select, .exists: return "dynamodb:PartiQLSelect"
        case .insert: return "dynamodb:PartiQLInsert"
        case .update: return "dynamodb:PartiQLUpdate"
        case .delete: return "dynamodb:PartiQLDelete"
        }
    }
}
