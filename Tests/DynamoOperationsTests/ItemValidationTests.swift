import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

/// Validation of PutItem, GetItem, UpdateItem and DeleteItem requests against a table with a
/// string hash key `pk` and a number sort key `sk`.
struct ItemValidationTests {
    static let key = #"{"pk":{"S":"a"},"sk":{"N":"1"}}"#

    func harness() throws -> Harness {
        let h = try Harness()
        h.createTable("tab", extra: #""GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]"#,
                      attributes: #"{"AttributeName":"g","AttributeType":"S"}"#)
        return h
    }

    static let putItemRequestCases: [(String, String)] = [
        (#"{"Item":{"pk":{"S":"a"}}}"#, constraint(nil, "tableName", "Member must not be null")),
        (#"{"TableName":"tab"}"#, constraint(nil, "item", "Member must not be null")),
        (#"{}"#, "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null; Value null at 'item' failed to satisfy constraint: Member must not be null"),
        (#"{"TableName":"","Item":{}}"#, "2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        (#"{"TableName":"tab","Item":{},"ReturnValues":"ALL_NEW"}"#, "ReturnValues can only be ALL_OLD or NONE"),
        (#"{"TableName":"tab","Item":{},"ReturnValues":"UPDATED_OLD"}"#, "ReturnValues can only be ALL_OLD or NONE"),
        (#"{"TableName":"tab","Item":{},"ReturnValues":"SOME"}"#,
         constraint("SOME", "returnValues", "Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]")),
        (#"{"TableName":"tab","Item":{},"ReturnConsumedCapacity":"ALL"}"#,
         constraint("ALL", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]")),
        (#"{"TableName":"tab","Item":{},"ReturnItemCollectionMetrics":"ALL"}"#,
         constraint("ALL", "returnItemCollectionMetrics", "Member must satisfy enum value set: [SIZE, NONE]")),
        (#"{"TableName":"tab","Item":{},"ReturnValuesOnConditionCheckFailure":"ALL_NEW"}"#,
         constraint("ALL_NEW", "returnValuesOnConditionCheckFailure", "Member must satisfy enum value set: [ALL_OLD, NONE]")),
        (#"{"TableName":"tab","Item":{"a":{"SS":[]}}}"#, invalid + "An string set  may not be empty"),
        (#"{"TableName":"tab","Item":[]}"#, "Start of list found where not expected"),
    ]

    @Test(arguments: putItemRequestCases)
    func putItemRequest(_ json: String, _ message: String) throws {
        let h = try harness()
        #expect(h.make("PutItem", json).failureValue?.message == message)
    }

    static let putItemKeysCases: [(String, String)] = [
        (#"{"sk":{"N":"1"}}"#, invalid + "Missing the key pk in the item"),
        (#"{"pk":{"S":"a"}}"#, invalid + "Missing the key sk in the item"),
        (#"{"pk":{"N":"1"},"sk":{"N":"1"}}"#, invalid + "Type mismatch for key pk expected: S actual: N"),
        (#"{"pk":{"S":"a"},"sk":{"S":"1"}}"#, invalid + "Type mismatch for key sk expected: N actual: S"),
        (#"{"pk":{"SS":["a"]},"sk":{"N":"1"}}"#, invalid + "Type mismatch for key pk expected: S actual: SS"),
        (#"{"pk":{"S":""},"sk":{"N":"1"}}"#,
         "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
        (#"{"pk":{"S":"\#(String(repeating: "a", count: 2049))"},"sk":{"N":"1"}}"#,
         invalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
        (#"{"pk":{"S":"\#(String(repeating: "é", count: 1025))"},"sk":{"N":"1"}}"#,
         invalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
        (#"{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"N":"5"}}"#,
         invalid + "Type mismatch for Index Key g Expected: S Actual: N IndexName: byG"),
        (#"{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":""}}"#,
         "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byG, IndexKey: g"),
    ]

    @Test(arguments: putItemKeysCases)
    func putItemKeys(_ item: String, _ message: String) throws {
        let h = try harness()
        #expect(h.error("PutItem", #"{"TableName":"tab","Item":\#(item)}"#)! == ("ValidationException", message))
        #expect(h.ok("Scan", #"{"TableName":"tab"}"#)["Count"] == 0)
    }

    @Test func keySizeBoundaries() throws {
        let h = try Harness()
        h.createTable("bins", sortKey: "B")
        let pk2048 = String(repeating: "a", count: 2048)
        h.put("bins", #"{"pk":{"S":"\#(pk2048)"},"sk":{"B":"\#(Base64.encode([UInt8](repeating: 7, count: 1024)))"}}"#)
        #expect(h.message("PutItem", #"{"TableName":"bins","Item":{"pk":{"S":"a"},"sk":{"B":"\#(Base64.encode([UInt8](repeating: 7, count: 1025)))"}}}"#)
            == invalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        #expect(h.message("PutItem", #"{"TableName":"bins","Item":{"pk":{"S":"a"},"sk":{"B":""}}}"#)
            == "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk")
        #expect(h.message("GetItem", #"{"TableName":"bins","Key":{"pk":{"S":"a"},"sk":{"B":""}}}"#)
            == "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk")
    }

    /// 400 KB counts attribute names and values; exactly the limit is accepted.
    @Test func itemSizeLimit() throws {
        let h = try Harness()
        h.createTable("sizes")
        // pk(2) + "a"(1) + sk(2) + 1(2) + v(1) = 8 bytes besides the padding.
        let fits = String(repeating: "x", count: 409_600 - 8)
        h.put("sizes", #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"\#(fits)"}}"#)
        #expect(h.error("PutItem", #"{"TableName":"sizes","Item":{"pk":{"S":"a"},"sk":{"N":"2"},"v":{"S":"\#(fits)x"}}}"#)!
            == ("ValidationException", "Item size has exceeded the maximum allowed size"))
        #expect(h.get("sizes", #"{"pk":{"S":"a"},"sk":{"N":"2"}}"#) == nil)
        // An update that would grow the item past the limit.
        #expect(h.message("UpdateItem", #"{"TableName":"sizes","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET w = :w","ExpressionAttributeValues":{":w":{"S":"y"}}}"#)
            == "Item size to update has exceeded the maximum allowed size")
    }

    static let keyMustMatchSchemaCases: [String] = [
        #"{"pk":{"S":"a"}}"#, #"{"pk":{"S":"a"},"sk":{"S":"1"}}"#, #"{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"S":"y"}}"#,
        #"{"pk":{"S":"a"},"other":{"N":"1"}}"#, #"{}"#,
    ]

    @Test(arguments: keyMustMatchSchemaCases)
    func keyMustMatchSchema(_ key: String) throws {
        let h = try harness()
        for op in ["GetItem", "DeleteItem", "UpdateItem"] {
            #expect(h.error(op, #"{"TableName":"tab","Key":\#(key)}"#)! == ("ValidationException", "The provided key element does not match the schema"))
        }
    }

    @Test func unknownTable() throws {
        let h = try Harness()
        for (op, body) in [("GetItem", #""Key":\#(Self.key)"#), ("PutItem", #""Item":\#(Self.key)"#), ("DeleteItem", #""Key":\#(Self.key)"#),
                           ("UpdateItem", #""Key":\#(Self.key)"#)] {
            #expect(h.error(op, #"{"TableName":"missing",\#(body)}"#)! == ("ResourceNotFoundException", "Requested resource not found"))
        }
    }

    @Test func updateItemRules() throws {
        let h = try harness()
        #expect(h.message("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"x"}}}"#)
            == invalid + "Cannot update attribute pk. This attribute is part of the key")
        #expect(h.message("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"REMOVE sk"}"#)
            == invalid + "Cannot update attribute sk. This attribute is part of the key")
        #expect(h.message("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET g = :v","ExpressionAttributeValues":{":v":{"N":"1"}}}"#)
            == invalid + "Type mismatch for Index Key g Expected: S Actual: N IndexName: byG")
        #expect(h.message("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"ReturnValues":"ALL"}"#)
            == constraint("ALL", "returnValues", "Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]"))
        #expect(h.message("DeleteItem", #"{"TableName":"tab","Key":\#(Self.key),"ReturnValues":"ALL_NEW"}"#) == "ReturnValues can only be ALL_OLD or NONE")
        #expect(h.message("GetItem", #"{"TableName":"tab"}"#) == constraint(nil, "key", "Member must not be null"))
        #expect(h.message("GetItem", #"{"TableName":"tab","Key":\#(Self.key),"ConsistentRead":"yes"}"#) == "'YES' can not be converted to an Boolean")
        // None of these wrote anything.
        #expect(h.ok("Scan", #"{"TableName":"tab"}"#)["Count"] == 0)
    }
}
