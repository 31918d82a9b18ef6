import DynamoExpressions
import DynamoModel
import DynamoStorage

/// A SELECT against its table: the table or index read, the partitions it names (nil: a
/// scan), the sort-key range, the order, and the read itself (WHERE as the filter, the
/// SELECT list as the projection) in the shape Query and Scan run.
struct StatementSelectPlan {
    var table: TableDefinition
    var index: IndexDefinition?
    /// The partitions read, in order; nil for a scan of the whole table or index.
    var partitions: [AttributeValue]?
    var sort: SortKeyCondition?
    var forward: Bool
    var run: ReadRun
    var shape: PartiQLProjection?

    var schema: KeySchema { index?.keySchema ?? table.keySchema }
}

/// A SELECT of one item by its whole key (BatchExecuteStatement and ExecuteTransaction
/// reads): what GetItem reads, with the rest of the WHERE as a condition on the item.
struct StatementGetPlan {
    var key: Item
    var filter: Condition?
    var shape: PartiQLProjection?
}

extension StatementInput {
    static let multiAttributeRefused = "PartiQL statements cannot be executed on tables with multi-attribute HASH keys or multi-attribute RANGE keys."

    /// Plans a SELECT, with DynamoDB's checks of the index it names.
    /// (Texts: nubo-db dynamodb-conformance tests/tier3/error-messages/partiql*.test.ts,
    /// captured from the service.)
    func selectPlan(_ table: TableDefinition, limit: Int?, capacityMode: String?) throws(DynamoError) -> StatementSelectPlan {
        guard case .select(let select) = bound else { throw .internalFailure() }
        var index: IndexDefinition?
        if let name = statement.indexName {
            guard let found = table.index(named: name) else { throw .validation("The table does not have the specified index") }
            index = found
        }
        let schema = index?.keySchema ?? table.keySchema
        if schema.isMultiAttribute { throw .validation(Self.multiAttributeRefused) }
        if let index, index.isGlobal, consistent {
            throw .validation("Strongly consistent read is not supported on Global Secondary Indexes")
        }
        let keyed = select.condition?.topLevelPartitionValues(partitionKey: schema.partitionKey) != nil
        if let index, let held = IndexRows.projectedAttributes(index, table: table) {
            if index.isGlobal, let projection = select.projection {
                let missing = Self.outside(held, projection.paths.map(\.topLevelName))
                if !missing.isEmpty {
                    throw .validation("One or more parameter values were invalid: Global secondary index \(index.name) does not project [\(missing.joined(separator: ", "))]")
                }
            }
            if keyed, let condition = select.condition {
                let missing = Self.outside(held, condition.topLevelAttributes.sorted())
                if !missing.isEmpty {
                    throw .validation("One or more parameter values were invalid: Secondary index \(index.name) does not project one or more filter attributes: [\(missing.joined(separator: ", "))]")
                }
            }
        }
        var partitions = select.condition?.partitionValues(partitionKey: schema.partitionKey)
        var forward = true
        if !select.orderBy.isEmpty {
            guard select.condition != nil else { throw .validation("Must have WHERE clause in the statement when using ORDER BY clause.") }
            guard let named = partitions else {
                throw .validation("Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.")
            }
            var byPartition = false
            for entry in select.orderBy {
                guard !entry.path.isNested, schema.isKeyAttribute(entry.path.topLevelName.string) else {
                    throw .validation("Variable reference \(entry.path.topLevelName.string) in ORDER BY clause must be part of the primary key")
                }
                if entry.path.topLevelName == AttributeName(schema.partitionKey) {
                    byPartition = true
                    partitions = named.sorted { a, b in
                        let (x, y) = (KeyCodec.encode(a), KeyCodec.encode(b))
                        return entry.descending ? y.lexicographicallyPrecedes(x) : x.lexicographicallyPrecedes(y)
                    }
                } else {
                    forward = !entry.descending
                }
            }
            if named.count > 1 && !byPartition {
                throw .validation("Must have hash key in ORDER BY clause when more than one hash key condition specified in WHERE clause.")
            }
        }
        // A partition value of another type than the key's can match no item.
        partitions = partitions?.filter { schema.partitionType.matches($0) }
        var sort: SortKeyCondition?
        if partitions?.count == 1, let sortKey = schema.sortKey, let sortType = schema.sortType,
           let condition = select.condition?.sortCondition(sortKey: sortKey), condition.values.allSatisfy(sortType.matches) {
            sort = condition
        }
        let run = ReadRun(filter: select.condition?.condition, projection: select.projection?.projection, select: nil, limit: limit,
                          consistent: consistent, capacityMode: capacityMode)
        return StatementSelectPlan(table: table, index: index, partitions: partitions, sort: sort, forward: forward, run: run,
                                   shape: select.projection)
    }

    /// The names of `names` an index does not hold, each once, in order.
    static func outside(_ held: AttributeNameSet, _ names: [AttributeName]) -> [String] {
        var missing: [String] = []
        for name in names where !held.contains(name) && !missing.contains(name.string) { missing.append(name.string) }
        return missing
    }

    /// Plans a SELECT of one item by its whole key; `keyMessage` is what the caller answers
    /// when the WHERE does not give the whole key or the statement names an index.
    func getPlan(_ table: TableDefinition, keyMessage: String) throws(DynamoError) -> StatementGetPlan {
        guard case .select(let select) = bound, statement.indexName == nil else { throw .validation(keyMessage) }
        let key: Item, rest: PartiQLWhere?
        do {
            (key, rest) = try PartiQLWhere.itemKey(select.condition, keyNames: table.keySchema.attributeNames)
        } catch {
            throw .validation(keyMessage)
        }
        try ItemKey.validateKey(key, table: table)
        return StatementGetPlan(key: key, filter: rest?.condition, shape: select.projection)
    }

    /// The write an INSERT, UPDATE, DELETE or EXISTS makes, as PutItem, UpdateItem,
    /// DeleteItem or a transaction's ConditionCheck make it: the key from the WHERE, the
    /// condition the statement implies, validated against the table.
    func writePlan(_ table: TableDefinition) throws(DynamoError) -> PreparedWrite {
        let keyNames = table.keySchema.attributeNames
        let partitionKey = table.keySchema.partitionKey
        if statement.indexName != nil {
            throw .validation(statement.kind == .exists ? "Operations on indices are not supported in transactions" : "This operation is not supported on an index")
        }
        var write: PreparedWrite
        switch bound {
        case .insert(let item):
            write = PreparedWrite(key: item, action: .put(item), condition: PartiQLConditions.insert(partitionKey: partitionKey))
        case .update(let w):
            let (key, rest) = try PartiQLWhere.itemKey(w.condition, keyNames: keyNames)
            write = PreparedWrite(key: key, action: .update(w.update), condition: PartiQLConditions.update(partitionKey: partitionKey, rest: rest),
                                  returnOnFailure: returnOnFailure)
        case .delete(let w):
            let (key, rest) = try PartiQLWhere.itemKey(w.condition, keyNames: keyNames)
            write = PreparedWrite(key: key, action: .delete, condition: PartiQLConditions.delete(partitionKey: partitionKey, rest: rest),
                                  returnOnFailure: returnOnFailure)
        case .exists(let select):
            let (key, rest) = try PartiQLWhere.itemKey(select.condition, keyNames: keyNames)
            guard rest != nil else { throw .validation("EXISTS() must contain a single item read with additional condition") }
            write = PreparedWrite(key: key, action: .check, condition: PartiQLConditions.exists(partitionKey: partitionKey, rest: rest),
                                  returnOnFailure: returnOnFailure)
        case .select:
            throw .internalFailure()
        }
        try write.validate(table)
        return write
    }

    /// The authorization check of a statement: its PartiQL action on the table, or on the
    /// index it reads, with the fine-grained keys `ItemAccess` derives from what it names —
    /// derived even when the statement will be refused (the refusal comes from `execute`).
    func authorizationCheck(service: DynamoService, env: RequestEnvironment, enclosing: String? = nil) -> AuthorizationCheck {
        let tableKey = service.tableKey(statement.tableName, env: env)
        let table = service.catalog.get(tableKey)
        let tableArn = service.tableArn(statement.tableName, env: env)
        let resource = statement.indexName.map { "\(tableArn)/index/\($0)" } ?? tableArn
        var fgac: FGACKeys
        switch bound {
        case .select(let select), .exists(let select):
            let schema = statement.indexName.flatMap { table?.index(named: $0)?.keySchema } ?? table?.keySchema
            let partitions = schema.flatMap { select.condition?.partitionValues(partitionKey: $0.partitionKey) }
            fgac = ItemAccess.select(partitionValues: partitions, attributes: select.topLevelAttributes, projection: select.projection != nil,
                                     index: statement.indexName != nil)
        case .insert(let item):
            fgac = ItemAccess.write(PreparedWrite(key: item, action: .put(item)), table: table, returnValues: nil, capacityMode: nil)
        case .update(let w), .delete(let w):
            let key = table.flatMap { t in w.condition?.keyEqualities(keyNames: t.keySchema.attributeNames) } ?? [:]
            let write = PreparedWrite(key: key, action: w.update.map { .update($0) } ?? .delete, condition: w.condition?.condition,
                                      returnOnFailure: returnOnFailure)
            fgac = ItemAccess.write(write, table: table, returnValues: w.returning?.returnValues, capacityMode: nil)
        }
        fgac.enclosingOperation = enclosing
        return AuthorizationCheck(action: action, resource: resource, resourceAccount: tableKey.account, policyResource: tableArn, fgac: fgac)
    }
}

extension SortKeyCondition {
    /// The values the condition compares with.
    var values: [AttributeValue] {
        switch self {
        case .equal(let v), .less(let v), .lessOrEqual(let v), .greater(let v), .greaterOrEqual(let v), .beginsWith(let v): return [v]
        case .between(let low, let high): return [low, high]
        }
    }
}
