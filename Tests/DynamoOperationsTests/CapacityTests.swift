import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

/// Capacity units: 4 KB reads (halved when eventually consistent), 1 KB writes (at least one),
/// transactions double, every index row written costs its own units.
struct CapacityTests {
    static let key = #"{"pk":{"S":"a"},"sk":{"N":"1"}}"#

    /// An item of exactly `size` bytes (pk "a", sk 1, and a string attribute `v`).
    func item(size: Int) -> String {
        // pk(2)+1 + sk(2)+2 + v(1) = 8 bytes besides v's value.
        #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"\#(String(repeating: "x", count: size - 8))"}}"#
    }

    func capacity(_ out: JSONValue) -> JSONValue? { out["ConsumedCapacity"] }

    @Test(arguments: [(1, 1.0), (1024, 1.0), (1025, 2.0), (1500, 2.0), (2048, 2.0), (10 * 1024, 10.0), (10 * 1024 + 1, 11.0)])
    func writeUnits(_ size: Int, _ units: Double) throws {
        let h = try Harness()
        h.createTable()
        let body = size < 9 ? Self.key : item(size: size)
        let out = h.ok("PutItem", #"{"TableName":"tab","Item":\#(body),"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(out) == .object([("TableName", "tab"), ("CapacityUnits", Capacity.number(units))]))
        // Deleting costs what the deleted item's size says.
        let deleted = h.ok("DeleteItem", #"{"TableName":"tab","Key":\#(Self.key),"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(deleted)?["CapacityUnits"] == Capacity.number(units))
    }

    @Test(arguments: [(100, 0.5, 1.0), (4096, 0.5, 1.0), (4097, 1.0, 2.0), (12 * 1024, 1.5, 3.0), (12 * 1024 + 1, 2.0, 4.0)])
    func readUnits(_ size: Int, _ eventual: Double, _ consistent: Double) throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", item(size: size))
        let e = h.ok("GetItem", #"{"TableName":"tab","Key":\#(Self.key),"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(e)?["CapacityUnits"] == Capacity.number(eventual))
        let c = h.ok("GetItem", #"{"TableName":"tab","Key":\#(Self.key),"ConsistentRead":true,"ReturnConsumedCapacity":"INDEXES"}"#)
        #expect(capacity(c) == .object([("TableName", "tab"), ("CapacityUnits", Capacity.number(consistent)),
                                        ("Table", .object([("CapacityUnits", Capacity.number(consistent))]))]))
        // Reading a missing item still costs the minimum.
        let missing = h.ok("GetItem", #"{"TableName":"tab","Key":{"pk":{"S":"zz"},"sk":{"N":"1"}},"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(missing)?["CapacityUnits"] == .number("0.5"))
        // NONE (and no mode) report nothing.
        #expect(capacity(h.ok("GetItem", #"{"TableName":"tab","Key":\#(Self.key),"ReturnConsumedCapacity":"NONE"}"#)) == nil)
        #expect(capacity(h.ok("GetItem", #"{"TableName":"tab","Key":\#(Self.key)}"#)) == nil)
    }

    @Test func queryAddsSizesBeforeRounding() throws {
        let h = try Harness()
        h.createTable()
        for i in 1...3 {
            h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"\#(i)"},"v":{"S":"\#(String(repeating: "x", count: 2000))"}}"#)
        }
        // 3 × 2,008 bytes = 6,024 bytes: two 4 KB units, halved.
        let out = h.ok("Query", #"{"TableName":"tab","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}},"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(out)?["CapacityUnits"] == .number("1.0"))
        let consistent = h.ok("Scan", #"{"TableName":"tab","ConsistentRead":true,"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(consistent)?["CapacityUnits"] == .number("2.0"))
    }

    /// Index rows cost their own write units: adding, moving and removing an index entry.
    @Test func indexWrites() throws {
        let h = try Harness()
        h.createTable(extra: #""GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],"LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]"#,
                      attributes: #"{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"l","AttributeType":"S"}"#)
        let put = h.ok("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"l":{"S":"y"}},"ReturnConsumedCapacity":"INDEXES"}"#)
        #expect(capacity(put) == json(#"{"TableName":"tab","CapacityUnits":3.0,"Table":{"CapacityUnits":1.0},"LocalSecondaryIndexes":{"byL":{"CapacityUnits":1.0}},"GlobalSecondaryIndexes":{"byG":{"CapacityUnits":1.0}}}"#))
        // Changing the GSI key: the old entry is deleted and a new one written (2 units); the
        // LSI entry is rewritten in place (1 unit).
        let moved = h.ok("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET g = :g","ExpressionAttributeValues":{":g":{"S":"z"}},"ReturnConsumedCapacity":"INDEXES"}"#)
        #expect(capacity(moved) == json(#"{"TableName":"tab","CapacityUnits":4.0,"Table":{"CapacityUnits":1.0},"LocalSecondaryIndexes":{"byL":{"CapacityUnits":1.0}},"GlobalSecondaryIndexes":{"byG":{"CapacityUnits":2.0}}}"#))
        // A change to a non-projected attribute leaves the KEYS_ONLY GSI alone.
        let untouched = h.ok("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET misc = :o","ExpressionAttributeValues":{":o":{"S":"o"}},"ReturnConsumedCapacity":"INDEXES"}"#)
        #expect(capacity(untouched) == json(#"{"TableName":"tab","CapacityUnits":2.0,"Table":{"CapacityUnits":1.0},"LocalSecondaryIndexes":{"byL":{"CapacityUnits":1.0}}}"#))
        // TOTAL sums them without the breakdown.
        let removed = h.ok("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"REMOVE g","ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(removed) == json(#"{"TableName":"tab","CapacityUnits":3.0}"#))
    }

    @Test func transactionsCostDouble() throws {
        let h = try Harness()
        h.createTable()
        let out = h.ok("TransactWriteItems", #"{"TransactItems":[{"Put":{"TableName":"tab","Item":\#(item(size: 1500))}}],"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(out) == json(#"[{"TableName":"tab","CapacityUnits":4.0,"WriteCapacityUnits":4.0}]"#))
        let read = h.ok("TransactGetItems", #"{"TransactItems":[{"Get":{"TableName":"tab","Key":\#(Self.key)}}],"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(capacity(read) == json(#"[{"TableName":"tab","CapacityUnits":2.0,"ReadCapacityUnits":2.0}]"#))
    }

    @Test(arguments: [(1.0, "1.0"), (0.5, "0.5"), (24.0, "24.0"), (1.5, "1.5")])
    func numberRendering(_ v: Double, _ text: String) {
        #expect(Capacity.number(v) == .number(text))
    }
}
