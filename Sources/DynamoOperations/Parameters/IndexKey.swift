import DynamoModel
import DynamoStorage

/// The key of an item under a secondary index's key schema — single- or multi-attribute —
/// encoded for storage, and the size limits index keys share with table keys.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys
enum IndexKey {
    static let maxPartitionKeyBytes = 2048
    static let maxSortKeyBytes = 1024

    /// The encoded partition and sort key, or nil when the item lacks one of the key attributes
    /// or holds one with another type: such an item stays out of the index (sparse indexes; for
    /// a multi-attribute key, every attribute must be present).
    static func encode(_ item: Item, schema: KeySchema) -> (ipk: [UInt8], isk: [UInt8])? {
        guard let partition = values(item, schema.partitionAttributes) else { return nil }
        let sortAttributes = schema.sortAttributes
        var isk: [UInt8] = []
        if !sortAttributes.isEmpty {
            guard let sort = values(item, sortAttributes) else { return nil }
            isk = KeyCodec.encode(values: sort)
        }
        return (KeyCodec.encode(values: partition), isk)
    }

    /// The values of `attributes` in `item`, or nil when one is missing or of another type.
    static func values(_ item: Item, _ attributes: [KeyAttribute]) -> [AttributeValue]? {
        var out: [AttributeValue] = []
        out.reserveCapacity(attributes.count)
        for attribute in attributes {
            guard let value = item[attribute.name], attribute.type.matches(value) else { return nil }
            out.append(value)
        }
        return out
    }

    /// The size-limit message a key breaks, if any: the partition key's attributes together at
    /// most 2048 bytes, the sort key's at most 1024 ("aggregated size of all range keys").
    static func sizeViolation(_ item: Item, schema: KeySchema) -> String? {
        let partition = schema.partitionAttributes.reduce(0) { $0 + (item[$1.name].map(rawSize) ?? 0) }
        if partition > maxPartitionKeyBytes {
            return "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
        }
        let sort = schema.sortAttributes.reduce(0) { $0 + (item[$1.name].map(rawSize) ?? 0) }
        if sort > maxSortKeyBytes {
            return "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
        }
        return nil
    }

    /// A key value's size as the key limits count it: the bytes of a string or binary.
    static func rawSize(_ v: AttributeValue) -> Int {
        switch v {
        case .s(let s): return s.utf8.count
        case .b(let b): return b.count
        default: return ItemSize.of(v)
        }
    }
}
