import DynamoExpressions
import DynamoModel

/// Decoding of the item-level members shared by item operations.
enum ItemParams {
    /// A required map of attribute values (`Key`, `Item`).
    static func item(_ p: Params, _ member: String, path: String, constraints c: inout Constraints) throws(DynamoError) -> Item {
        guard let json = p[member] else {
            c.notNull(nil as String?, at: path)
            return [:]
        }
        return try AttributeValueCodec.decodeItem(json)
    }

    static func optionalItem(_ json: JSONValue?) throws(DynamoError) -> Item? {
        guard let json, !json.isNull else { return nil }
        return try AttributeValueCodec.decodeItem(json)
    }

    /// Encodes an item for a response (`{"Item": ...}` members etc.).
    static func json(_ item: Item) -> JSONValue { AttributeValueCodec.json(item: item) }
}

/// The expression members of a request, read together so that unused names and values are
/// reported across all of them, and legacy parameters are refused when mixed with them.
struct RequestExpressions {
    var request: ExpressionRequest

    init(_ p: Params) throws(DynamoError) {
        request = try ExpressionRequest(namesJSON: p["ExpressionAttributeNames"], valuesJSON: p["ExpressionAttributeValues"])
    }

    mutating func condition(_ p: Params, _ member: String, kind: ConditionKind) throws(DynamoError) -> Condition? {
        guard let text = try p.string(member) else { return nil }
        return try request.condition(text, kind: kind)
    }

    mutating func projection(_ p: Params) throws(DynamoError) -> Projection? {
        guard let text = try p.string("ProjectionExpression") else { return nil }
        return try request.projection(text)
    }

    mutating func update(_ p: Params) throws(DynamoError) -> Update? {
        guard let text = try p.string("UpdateExpression") else { return nil }
        return try request.update(text)
    }

    func finish() throws(DynamoError) { try request.finish() }
}
