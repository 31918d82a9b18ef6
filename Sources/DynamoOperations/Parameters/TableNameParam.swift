import DynamoModel
import DynamoStorage

/// The `TableName` member every table-scoped operation carries: required, a name in the
/// caller's account or a table ARN.
enum TableNameParam {
    static func read(_ p: Params, constraints c: inout Constraints, key: String = "TableName", path: String = "tableName") throws(DynamoError) -> String {
        let name = try p.string(key)
        c.tableName(name, at: path, minLength: 1, allowArn: true)
        return name ?? ""
    }

    /// For operations that require a table resource ARN (tagging, resource policies).
    static func resourceArn(_ p: Params, key: String = "ResourceArn") throws(DynamoError) -> TableArn {
        var c = Constraints()
        let arn = try p.string(key)
        c.notNull(arn, at: "resourceArn")
        c.length(arn, at: "resourceArn", min: 1, max: 1283)
        try c.check()
        let text = arn ?? ""
        guard text.hasPrefix("arn:") else {
            throw .validation("One or more parameter values were invalid: ARNs must start with 'arn:': \(text)")
        }
        guard let parsed = TableArn(text) else {
            throw .validation("One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: \(text)")
        }
        return parsed
    }
}

extension DynamoService {
    /// Reads counters and renders the full description of a table.
    func describe(_ table: TableDefinition, status: String = "ACTIVE", indexStatus: String? = nil) throws(DynamoError) -> JSONValue {
        do {
            let counters = try store.read { try TableDescription.counters(for: table, reader: $0) }
            return withReplicas(TableDescription.render(table, counters: counters, status: status, indexStatus: indexStatus),
                                table, now: clock.now())  // [global]
        } catch let e as DynamoError {
            throw e
        } catch {
            throw .internalFailure()
        }
    }

    /// Persists a changed definition inside a write and returns it for the catalog.
    static func save(_ definition: TableDefinition, writer: StorageWriter) throws {
        try writer.updateDefinition(storageId: definition.storageId, definition: try encodeDefinition(definition))
    }
}
