import DynamoExpressions
import DynamoModel
import DynamoStorage

extension DynamoError {
    /// An INSERT of a key that exists ("If the DynamoDB table already has an item with the
    /// same primary key as the primary key of the item being inserted, DuplicateItemException
    /// is returned", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.insert.html).
    static func duplicateItem() -> DynamoError {
        DynamoError(code: "DuplicateItemException", message: "Duplicate primary key exists in table")
    }
}

extension StatementInput {
    /// Runs one INSERT, UPDATE or DELETE through the writer exactly as PutItem, UpdateItem and
    /// DeleteItem run (the item row, its index rows, history for PITR and streams, counters),
    /// its implied condition checked inside the same transaction. Reports what RETURNING asks
    /// for (nil: nothing) and the write units.
    func runWrite(_ write: PreparedWrite, tableKey: TableKey, service: DynamoService, env: RequestEnvironment,
                  completion: @escaping @Sendable (Result<(Item?, Capacity), DynamoError>) -> Void) {
        let insert = statement.kind == .insert
        let returning = statement.returning
        service.writeItem(tableKey, completion: completion) { table, writer in
            let outcome: PreparedWrite.Outcome
            do {
                outcome = try write.run(table, writer: writer, now: env.now)
            } catch let error as DynamoError where insert && error.code == "ConditionalCheckFailedException" {
                throw DynamoError.duplicateItem()
            }
            return (returning.flatMap { SingleWrite.returnedAttributes($0.returnValues, outcome) }, outcome.capacity)
        }
    }

    /// ExecuteStatement's answer for a write: `Items` holds what RETURNING asked for (an
    /// empty list otherwise, or when the projection is empty).
    static func writeResponse(_ returned: Item?, capacity: Capacity, tableName: String, capacityMode: String?) -> ResponseBody {
        var members: [(String, JSONValue)] = [("Items", .array(returned.flatMap { $0.isEmpty ? nil : [ItemParams.json($0)] } ?? []))]
        if let consumed = capacity.json(tableName: tableName, mode: capacityMode) { members.append(("ConsumedCapacity", consumed)) }
        return encode(.object(members))
    }
}
