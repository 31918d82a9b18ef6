import DynamoExpressions
import DynamoModel

/// The fine-grained keys of each kind of item access, from its parsed parts: a point read
/// (GetItem, BatchGetItem, TransactGetItems' Get), a partition or table read (Query, Scan)
/// and an item write (PutItem, UpdateItem, DeleteItem, BatchWriteItem's requests,
/// TransactWriteItems' actions). Other front ends that address items (PartiQL statements)
/// describe what they address in these same terms.
enum ItemAccess {
    /// A read of one item by its key: the key's partition value and attribute names, the
    /// projection, and the Select its projection implies (see `ReadSelect`).
    static func get(key: Item, projection: Projection?, table: TableDefinition?, capacityMode: String?) -> FGACKeys {
        var fgac = FGACKeys()
        fgac.addLeadingKey(of: key, table: table)
        fgac.addAttributes(of: key)
        fgac.add(projection)
        fgac.select = ReadSelect.implied(projection: projection != nil)
        fgac.returnConsumedCapacity = capacityMode
        return fgac
    }

    /// A Query or Scan: the partition it names (Query only), the attributes of its key
    /// condition, filter and projection (expressions or their legacy forms) — a count is a
    /// read too: `Select=COUNT` with a filter tests the filtered attributes' values — and its
    /// Select.
    static func read(partitionValue: AttributeValue?, keyConditionAttributes: AttributeNameSet, run: ReadRun, index: Bool) -> FGACKeys {
        var fgac = FGACKeys()
        fgac.addLeadingKey(partitionValue)
        fgac.addAttributes(keyConditionAttributes)
        fgac.add(run.filter)
        fgac.add(run.projection)
        fgac.select = ReadSelect.query(run.select, projection: run.projection != nil, index: index)
        fgac.returnConsumedCapacity = run.capacityMode
        return fgac
    }

    /// A PartiQL SELECT (or EXISTS): every partition its WHERE names — none for a statement
    /// that scans, which says so in `dynamodb:FullTableScan` — the attributes its projection,
    /// WHERE and ORDER BY name, and the Select its projection implies (a statement has no
    /// Select parameter; `SELECT *` reads every attribute, or every projected one of an index).
    static func select(partitionValues: [AttributeValue]?, attributes: AttributeNameSet, projection: Bool, index: Bool) -> FGACKeys {
        var fgac = FGACKeys()
        for value in partitionValues ?? [] { fgac.addLeadingKey(value) }
        fgac.addAttributes(attributes)
        fgac.select = ReadSelect.query(nil, projection: projection, index: index)
        fgac.fullTableScan = partitionValues == nil
        return fgac
    }

    /// One item write: its partition value, the names of its key or whole item, of its update
    /// (written and read) and of its condition (legacy Expected and AttributeUpdates arrive
    /// here converted to the same trees), and what it returns.
    static func write(_ write: PreparedWrite, table: TableDefinition?, returnValues: String?, capacityMode: String?) -> FGACKeys {
        var fgac = FGACKeys()
        fgac.addLeadingKey(of: write.key, table: table)
        fgac.addAttributes(of: write.key)
        switch write.action {
        case .put(let item): fgac.addAttributes(of: item)
        case .update(let update): fgac.add(update)
        case .delete, .check: break
        }
        fgac.add(write.condition)
        fgac.setReturnValues(returnValues, onConditionCheckFailure: write.returnOnFailure)
        fgac.returnConsumedCapacity = capacityMode
        return fgac
    }
}
