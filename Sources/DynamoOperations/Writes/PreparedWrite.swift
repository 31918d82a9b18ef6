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

    /// Where a write comes from, which decides how some of its key faults are reported.
    enum Origin {
        /// PutItem, UpdateItem, DeleteItem.
        case single
        /// BatchWriteItem: a PutRequest's item key is checked as a key ("The provided key
        /// element does not match the schema", missing or mistyped alike).
        case batch
        /// TransactWriteItems: the key's types are left to `checkKeyTypes`, run inside the
        /// transaction, which DynamoDB cancels (reason ValidationError); an empty or
        /// oversized key value, an oversized Put item or a missing key attribute are refused
        /// up front. Captured from the service: paritysuite dynamodb-conformance,
        /// tests/tier3/error-messages/transactWriteItems.test.ts and batchWriteItem.test.ts.
        case transaction
    }

    /// Checks made before queuing the write (the table's key schema, sizes, update targets).
    func validate(_ table: TableDefinition, origin: Origin = .single) throws(DynamoError) {
        switch action {
        case .put(let item):
            switch origin {
            case .single:
                try ItemKey.checkItemKeyPresent(item, table: table)
                try ItemKey.checkItemKeyTypes(item, table: table)
            case .batch:
                try ItemKey.checkItemKeyAsKey(item, table: table)
            case .transaction:
                try ItemKey.checkItemKeyPresent(item, table: table)
            }
            try ItemKey.checkKeyValues(item, schema: table.keySchema)
            try ItemKey.validateIndexKeys(item, table: table)
            try WriteSupport.checkSize(item)
        case .update(let update):
            try checkKey(table, deferringTypes: origin == .transaction)
            if let update {
                for name in table.keySchema.attributeNames where update.writtenTopLevelAttributes.contains(name) {
                    throw DynamoError.validation("One or more parameter values were invalid: Cannot update attribute \(name). This attribute is part of the key")
                }
            }
        case .delete, .check:
            try checkKey(table, deferringTypes: origin == .transaction)
        }
    }

    private func checkKey(_ table: TableDefinition, deferringTypes: Bool) throws(DynamoError) {
        if deferringTypes {
            try ItemKey.checkKeyPresent(key, table: table)
            try ItemKey.checkKeyValues(key, schema: table.keySchema)
        } else {
            try ItemKey.validateKey(key, table: table)
        }
    }

    /// The key-type checks `validate(_:origin:)` leaves to a transaction.
    func checkKeyTypes(_ table: TableDefinition) throws(DynamoError) {
        if case .put(let item) = action {
            try ItemKey.checkItemKeyTypes(item, table: table)
        } else {
            try ItemKey.checkKeyShape(key, table: table)
        }
    }

    /// Whether the key matches the table's key schema (names and types).
    func keyMatchesSchema(_ table: TableDefinition) -> Bool {
        (try? checkKeyTypes(table)) != nil
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
                // A value set at a nested path can take the item past 32 levels.
                for name in update.writtenTopLevelAttributes {
                    if let value = new[name], AttributeValueCodec.nestingLevels(value) > AttributeValueCodec.maxNestingDepth {
                        throw DynamoError.validation(AttributeValueCodec.nestingExceeded)
                    }
                }
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
}
