import DynamoExpressions
import DynamoModel
import DynamoStorage

/// What PutItem, UpdateItem and DeleteItem share: their condition, the condition check
/// inside the write, and the response members.
enum WriteSupport {
    /// ConditionExpression or (legacy) Expected.
    static func condition(_ p: Params, expressions: inout RequestExpressions) throws(DynamoError) -> Condition? {
        if let expected = p["Expected"] {
            return try Legacy.expected(expected, conditionalOperator: p.string("ConditionalOperator"))
        }
        return try expressions.condition(p, "ConditionExpression", kind: .condition)
    }

    /// Fails the write with ConditionalCheckFailedException (carrying the item when asked).
    static func check(_ condition: Condition?, old: Item?, returnOnFailure: String?) throws {
        guard let condition else { return }
        if try !condition.evaluate(old) {
            let item = returnOnFailure == "ALL_OLD" ? old.map(ItemParams.json) : nil
            throw DynamoError.conditionalCheckFailed(item: item)
        }
    }

    /// `ItemCollectionMetrics` for tables with local secondary indexes (SIZE requested).
    static func itemCollectionMetrics(_ table: TableDefinition, key: EncodedKey, keyItem: Item, mode: String?, reader: StorageReader) throws -> JSONValue? {
        guard mode == "SIZE", !table.localIndexes.isEmpty else { return nil }
        var bytes = 0
        try reader.queryTable(tid: table.storageId, pk: key.pk, range: .all, forward: true, startAfter: nil) { row in
            bytes += row.size
            return true
        }
        let gb = Double(bytes) / 1_073_741_824
        let low = gb.rounded(.down)
        return [
            "ItemCollectionKey": .object([(table.keySchema.partitionKey, AttributeValueCodec.json(keyItem[table.keySchema.partitionKey]!))]),
            "SizeEstimateRangeGB": [Capacity.number(low), Capacity.number(low + 1)],
        ]
    }

    struct Outcome: Sendable {
        var attributes: Item?
        var capacity: Capacity
        var metrics: JSONValue?
    }

    static func response(_ outcome: Outcome, tableName: String, capacityMode: String?) -> ResponseBody {
        var members: [(String, JSONValue)] = []
        if let attributes = outcome.attributes, !attributes.isEmpty { members.append(("Attributes", ItemParams.json(attributes))) }
        if let consumed = outcome.capacity.json(tableName: tableName, mode: capacityMode) { members.append(("ConsumedCapacity", consumed)) }
        if let metrics = outcome.metrics { members.append(("ItemCollectionMetrics", metrics)) }
        return encode(.object(members))
    }

    static func checkSize(_ item: Item, message: String = "Item size has exceeded the maximum allowed size") throws(DynamoError) {
        if ItemSize.of(item) > ItemSize.maxItemBytes { throw .validation(message) }
    }
}
