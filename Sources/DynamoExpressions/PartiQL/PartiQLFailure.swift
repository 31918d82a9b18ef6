import DynamoModel

/// A statement DynamoDB refuses, with its text. Raised while reading, binding or planning a
/// statement and turned into a ValidationException (or its batch and transaction forms).
struct PQFailure: Error, Sendable {
    var message: String

    init(_ message: String) { self.message = message }

    /// "Statement wasn't well formed, can't be processed: <detail>" — the envelope DynamoDB
    /// puts around what its PartiQL parser could not read (an empty detail when the text
    /// cannot even be split into tokens).
    static func malformed(_ detail: String) -> PQFailure {
        PQFailure("Statement wasn't well formed, can't be processed: \(detail)")
    }

    var error: DynamoError { .validation(message) }
}

/// DynamoDB's wording for refused PartiQL statements. Texts captured from the service by
/// nubo-db's dynamodb-conformance suite (tests/tier2/partiql, tests/tier3/error-messages) and
/// DynamoDB Local's own table of PartiQL validation messages.
enum PQMessages {
    static let leftover = "Unexpected token after expression"
    static let unexpectedTerm = "Unexpected term"
    static let unexpectedKeyword = "Unexpected keyword"
    static let unexpectedOperator = "Unexpected operator"
    static let missingRightHandSide = "Missing right-hand side expression of infix operator"
    static let expectedPath = "Expected identifier for simple path"
    static let expectedStatement = "Expected data manipulation"
    static let expectedTypeName = "Expected type name"
    static let aliasing = "Aliasing is not supported"
    static let fromPathTooLong = "A path may contain at most 2 components in the FROM clause"
    static let emptyPathComponent = "Path component cannot be an empty string"
    static let dmlOnIndex = "FROM clause may only contain a single table name in data manipulation statements"
    static let notOnIndex = "This operation is not supported on an index"
    static let incompleteKey = "Where clause does not contain a mandatory equality on all key attributes"
    static let parameterCount = "Number of parameters in request and statement don't match."
    static let starAndOthers = "Other attributes should not be present in the projection when '*' is used."
    static let whereNotBoolean = "WHERE clause must contain an expression that resolves to a boolean"
    static let notOperand = "The argument to NOT must be a Type or Expression"
    static let andOrOperand = "The arguments to AND/OR must be Expressions"
    static let missingLiteral = "MISSING must be compared using IS operator"
    static let isOperand = "The left hand side argument to IS must be a Variable Reference, Literal, or Path"
    static let isInUpdate = "IS operator is not supported in update expressions"
    static let invalidIn = "IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member"
    static let returningInInsert = "RETURNING is not supported in INSERT"
    static let multipleInsert = "Unsupported operation: Inserting multiple items in a single statement is not supported, use \"INSERT INTO tableName VALUE item\" instead"
    static let itemFormat = "Unsupported format in item expression. Please use struct format {...} to express item values for insert statement."
    static let emptyBag = "Empty bags are not supported"
    static let bagType = "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags"
    static let pathStartsWithIndex = "A path cannot start with a list index"
    static let existsOutsideTransaction = "EXISTS can only be used in ExecuteTransaction write requests."

    static func unsupportedIsType(_ type: String) -> String {
        "Unsupported data type for IS operator: \(type). Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]"
    }
    static func unrecognizedFunction(_ name: String) -> String { "Unrecognized function: \(name)" }
    static func conditionOperator(_ op: String) -> String { "Unsupported operator in Condition Expression. Operator: \(op)" }
    static func updateOperator(_ op: String) -> String { "Unsupported operator in Update Expression. Operator: \(op)" }
    static func invalidDeleteReturning(_ r: PartiQLReturning) -> String {
        "Invalid returning clause: RETURNING \(r.rawValue) *. Only RETURNING ALL OLD * is allowed in DELETE statements."
    }
    static func duplicateKeyCondition(_ key: String) -> String {
        "Multiple conditions on same key \(key). Only single item Update/Insert/Delete are supported"
    }
    static func duplicateTupleKey(_ key: String, _ path: String) -> String { "Duplicate keys in tuple. Key: \(key) under \(path)" }
    static func setOperationArguments(_ op: String) -> String { "SET_\(op) must have exactly two arguments" }
    static func setOperationFirst(_ op: String) -> String { "The first argument to SET_\(op) must equal the assignment value" }
    static func setOperationSecond(_ op: String) -> String { "The second argument to SET_\(op) must be a value with type SET" }
    static func duplicateSelected(_ name: String) -> String { "Duplicate identifiers in select clause: \(name)" }
    static func orderByKey(_ name: String) -> String { "Variable reference \(name) in ORDER BY clause must be part of the primary key" }
}
