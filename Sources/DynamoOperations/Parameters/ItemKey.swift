import DynamoModel
import DynamoStorage

/// An item's primary key, encoded for storage (sort key empty for hash-only tables).
struct EncodedKey: Hashable, Sendable {
    var pk: [UInt8]
    var sk: [UInt8]
}

/// Key extraction and the key-validation rules of item operations, with AWS's texts.
enum ItemKey {
    static func encode(_ item: Item, schema: KeySchema) -> EncodedKey {
        EncodedKey(pk: KeyCodec.encode(item[schema.partitionKey]!),
                   sk: schema.sortKey.map { KeyCodec.encode(item[$0]!) } ?? [])
    }

    /// The key attributes of an item, as a `Key` map.
    static func keyItem(_ item: Item, schema: KeySchema) -> Item {
        var key = Item()
        for name in schema.attributeNames { key[name] = item[name] }
        return key
    }

    /// Validates a `Key` parameter (GetItem, DeleteItem, UpdateItem …): exactly the key
    /// attributes, of the declared types, non-empty.
    static func validateKey(_ key: Item, table: TableDefinition) throws(DynamoError) {
        try checkKeyShape(key, table: table)
        try checkKeyValues(key, schema: table.keySchema)
    }

    static let schemaMismatch = "The provided key element does not match the schema"

    /// Exactly the key attributes, of the declared types.
    static func checkKeyShape(_ key: Item, table: TableDefinition) throws(DynamoError) {
        let schema = table.keySchema
        guard key.count == schema.attributeNames.count else { throw .validation(schemaMismatch) }
        for name in schema.attributeNames {
            guard let value = key[name], table.attributeType(name)?.matches(value) == true else {
                throw .validation(schemaMismatch)
            }
        }
    }

    /// Every key attribute present (what encoding the key needs), whatever its type.
    static func checkKeyPresent(_ key: Item, table: TableDefinition) throws(DynamoError) {
        for name in table.keySchema.attributeNames where key[name] == nil { throw .validation(schemaMismatch) }
    }

    /// The key attributes inside a whole item present and of their types; BatchWriteItem's
    /// PutRequest answers DynamoDB's key text for either fault.
    static func checkItemKeyAsKey(_ item: Item, table: TableDefinition) throws(DynamoError) {
        for name in table.keySchema.attributeNames {
            guard let value = item[name], table.attributeType(name)?.matches(value) == true else {
                throw .validation(schemaMismatch)
            }
        }
    }

    /// The key attributes inside a whole item (PutItem, a transaction's Put).
    static func checkItemKeyPresent(_ item: Item, table: TableDefinition) throws(DynamoError) {
        for name in table.keySchema.attributeNames where item[name] == nil {
            throw .validation("One or more parameter values were invalid: Missing the key \(name) in the item")
        }
    }

    static func checkItemKeyTypes(_ item: Item, table: TableDefinition) throws(DynamoError) {
        for name in table.keySchema.attributeNames {
            let expected = table.attributeType(name)!
            if let value = item[name], !expected.matches(value) {
                throw .validation("One or more parameter values were invalid: Type mismatch for key \(name) expected: \(expected.rawValue) actual: \(value.typeTag)")
            }
        }
    }

    static func checkKeyValues(_ item: Item, schema: KeySchema) throws(DynamoError) {
        for name in schema.attributeNames {
            switch item[name] {
            case .s(let s) where s.isEmpty:
                throw .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(name)")
            case .b(let b) where b.isEmpty:
                throw .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: \(name)")
            default: break
            }
        }
        if let message = IndexKey.sizeViolation(item, schema: schema) { throw .validation(message) }
    }

    /// Secondary-index key attributes present in an item must have the index's declared
    /// type and must not be empty.
    static func validateIndexKeys(_ item: Item, table: TableDefinition) throws(DynamoError) {
        for index in table.allIndexes {
            for name in index.keySchema.attributeNames where !table.keySchema.isKeyAttribute(name) {
                guard let value = item[name], let expected = table.attributeType(name) else { continue }
                guard expected.matches(value) else {
                    throw .validation("One or more parameter values were invalid: Type mismatch for Index Key \(name) Expected: \(expected.rawValue) Actual: \(value.typeTag) IndexName: \(index.name)")
                }
                if case .s(let s) = value, s.isEmpty {
                    throw .validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: \(index.name), IndexKey: \(name)")
                }
                if case .b(let b) = value, b.isEmpty {
                    throw .validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: \(index.name), IndexKey: \(name)")
                }
            }
            // Index keys have the table keys' size limits, checked when the item is written.
            if let message = IndexKey.sizeViolation(item, schema: index.keySchema) { throw .validation(message) }
        }
    }
}
