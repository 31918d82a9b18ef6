import DynamoExpressions
import DynamoModel
import DynamoStorage

/// One validated single-item write — the Put, Update, Delete or ConditionCheck of PutItem,
/// UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems — ready to run inside the
/// writer's transaction. Computing the new item is pure; `run` does the storage work.
struct PreparedWrite: Sendable {
    enum Action: Sendable {
        case put(Item)
        case update(Update?)
        case delete
        case check
    }

    /// The item's key attributes.
    var key: Item
    var action: Action
    var condition: Condition?
    var returnOnFailure: String?

    /// Checks made before queuing the write (the table's key schema, sizes, update targets).
    func validate(_ table: TableDefinition) throws(DynamoError) {
        switch action {
        case .put(let item):
            try ItemKey.validateItemKey(item, table: table)
            try ItemKey.validateIndexKeys(item, table: table)
            try WriteSupport.checkSize(item)
        case .update(let update):
            try ItemKey.validateKey(key, table: table)
            if let update {
                for name in table.keySchema.attributeNames where update.writtenTopLevelAttributes.contains(name) {
                    throw DynamoError.validation("One or more parameter values were invalid: Cannot update attribute \(name). This attribute is part of the key")
                }
            }
        case .delete, .check:
            try ItemKey.validateKey(key, table: table)
        }
    }

    struct Outcome: Sendable {
        var old: Item?
        var new: Item?
        var touched: UpdateResult?
        var capacity: Capacity
        var encodedKey: EncodedKey
    }

    /// The condition check alone (transactions check every condition before writing).
    func checkCondition(_ table: TableDefinition, writer: StorageWriter) throws -> (EncodedKey, Item?) {
        let encoded = ItemKey.encode(key, schema: table.keySchema)
        let old = try ItemWrite.load(table, key: encoded, writer: writer)
        try WriteSupport.check(condition, old: old, returnOnFailure: returnOnFailure)
        return (encoded, old)
    }

    /// The item after this write (nil: deleted), or the old one for a condition check.
    func newItem(old: Item?, table: TableDefinition) throws -> (Item?, UpdateResult?) {
        switch action {
        case .put(let item):
            return (item, nil)
        case .delete:
            return (nil, nil)
        case .check:
            return (old, nil)
        case .update(let update):
            // Removing attributes from a missing item leaves it missing: no item, no history,
            // no stream record (an update with no actions at all does create the key-only item).
            if old == nil, let update, update.onlyDeletes { return (nil, nil) }
            var new = old ?? key
            var touched: UpdateResult?
            if let update {
                let result = try update.apply(to: new)
                new = result.item
                touched = result
            }
            for (name, value) in key { new[name] = value }
            try ItemKey.validateIndexKeys(new, table: table)
            try WriteSupport.checkSize(new, message: "Item size to update has exceeded the maximum allowed size")
            return (new, touched)
        }
    }

    /// Checks the condition, computes and stores the new item.
    func run(_ table: TableDefinition, writer: StorageWriter, now: Double) throws -> Outcome {
        let (encoded, old) = try checkCondition(table, writer: writer)
        return try apply(table, encoded: encoded, old: old, writer: writer, now: now)
    }

    /// Stores the new item once the condition has passed.
    func apply(_ table: TableDefinition, encoded: EncodedKey, old: Item?, writer: StorageWriter, now: Double) throws -> Outcome {
        let (new, touched) = try newItem(old: old, table: table)
        var capacity = Capacity()
        if case .check = action {
            capacity.table = Capacity.readUnits(bytes: old.map { ItemSize.of($0) } ?? 0, consistent: true)
        } else {
            capacity = try ItemWrite.apply(table, key: encoded, old: old, new: new, writer: writer, now: now)
        }
        return Outcome(old: old, new: new, touched: touched, capacity: capacity, encodedKey: encoded)
    }

    /// The attributes an item write names, for `dynamodb:Attributes`.
    var attributes: Set<String> {
        var names = Set(key.keys)
        if case .put(let item) = action { names.formUnion(item.keys) }
        if case .update(let update?) = action { names.formUnion(update.topLevelAttributes) }
        names.formUnion(condition?.topLevelAttributes ?? [])
        return names
    }
}
