import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

struct ItemBehaviourTests {
    static let key = #"{"pk":{"S":"a"},"sk":{"N":"1"}}"#

    @Test func putThenGet() throws {
        let h = try Harness()
        h.createTable()
        let item = #"{"pk":{"S":"a"},"sk":{"N":"1.0"},"n":{"N":"-0012.50"},"b":{"B":"AAH/"},"ss":{"SS":["y","x"]},"m":{"M":{"l":{"L":[{"NULL":true}]}}}}"#
        #expect(h.ok("PutItem", #"{"TableName":"tab","Item":\#(item)}"#) == .object([]))
        let got = try #require(h.get("tab", Self.key))
        #expect(got == json(#"{"b":{"B":"AAH/"},"m":{"M":{"l":{"L":[{"NULL":true}]}}},"n":{"N":"-12.5"},"pk":{"S":"a"},"sk":{"N":"1"},"ss":{"SS":["y","x"]}}"#))
        // A missing item: an empty response.
        #expect(h.ok("GetItem", #"{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"2"}}}"#) == .object([]))
        // Projection.
        #expect(h.ok("GetItem", #"{"TableName":"tab","Key":\#(Self.key),"ProjectionExpression":"n, m.l[0], nope"}"#)["Item"]
            == json(#"{"m":{"M":{"l":{"L":[{"NULL":true}]}}},"n":{"N":"-12.5"}}"#))
        // The table ARN names the table too.
        #expect(h.ok("GetItem", #"{"TableName":"arn:aws:dynamodb:us-east-1:123456789012:table/tab","Key":\#(Self.key),"ProjectionExpression":"pk"}"#)["Item"]
            == json(#"{"pk":{"S":"a"}}"#))
    }

    @Test func putReplacesAndReturnsOld() throws {
        let h = try Harness()
        h.createTable()
        #expect(h.ok("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}},"ReturnValues":"ALL_OLD"}"#) == .object([]))
        let out = h.ok("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"w":{"N":"2"}},"ReturnValues":"ALL_OLD"}"#)
        #expect(out["Attributes"] == json(#"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}"#))
        #expect(h.get("tab", Self.key) == json(#"{"pk":{"S":"a"},"sk":{"N":"1"},"w":{"N":"2"}}"#))
    }

    @Test func conditionalWrites() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}"#, extra: #""ConditionExpression":"attribute_not_exists(pk)""#)
        let failed = try #require(h.call("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"2"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}"#).failureValue)
        #expect(failed.code == "ConditionalCheckFailedException")
        #expect(failed.message == "The conditional request failed")
        #expect(failed.body["Item"] == json(#"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}"#))
        // Without ReturnValuesOnConditionCheckFailure no item is returned.
        let plain = try #require(h.call("DeleteItem", #"{"TableName":"tab","Key":\#(Self.key),"ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}}}"#).failureValue)
        #expect(plain.body["Item"] == nil)
        #expect(h.get("tab", Self.key)?["v"] == json(#"{"N":"1"}"#))
        // A passing condition.
        let deleted = h.ok("DeleteItem", #"{"TableName":"tab","Key":\#(Self.key),"ConditionExpression":"v = :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"ALL_OLD"}"#)
        #expect(deleted["Attributes"]?["v"] == json(#"{"N":"1"}"#))
        #expect(h.get("tab", Self.key) == nil)
        // Conditions on a missing item see no attributes.
        #expect(h.error("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET v = :one","ConditionExpression":"attribute_exists(v)","ExpressionAttributeValues":{":one":{"N":"1"}}}"#)?.0
            == "ConditionalCheckFailedException")
        #expect(h.get("tab", Self.key) == nil)
        // Legacy Expected.
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}"#, extra: #""Expected":{"v":{"Exists":false}}"#)
        #expect(h.error("PutItem", #"{"TableName":"tab","Item":\#(Self.key),"Expected":{"v":{"Exists":false}}}"#)?.0 == "ConditionalCheckFailedException")
    }

    @Test func updateItemReturnValues() throws {
        let h = try Harness()
        h.createTable()
        let base = #""TableName":"tab","Key":\#(Self.key)"#
        // Creates the item; ALL_NEW includes the key.
        let created = h.ok("UpdateItem", #"{\#(base),"UpdateExpression":"SET a = :a, c = :c","ExpressionAttributeValues":{":a":{"N":"1"},":c":{"S":"x"}},"ReturnValues":"ALL_NEW"}"#)
        #expect(created["Attributes"] == json(#"{"a":{"N":"1"},"c":{"S":"x"},"pk":{"S":"a"},"sk":{"N":"1"}}"#))
        let updatedOld = h.ok("UpdateItem", #"{\#(base),"UpdateExpression":"SET a = a + :one, d = :d REMOVE c","ExpressionAttributeValues":{":one":{"N":"1"},":d":{"S":"new"}},"ReturnValues":"UPDATED_OLD"}"#)
        #expect(updatedOld["Attributes"] == json(#"{"a":{"N":"1"},"c":{"S":"x"}}"#))
        let updatedNew = h.ok("UpdateItem", #"{\#(base),"UpdateExpression":"SET a = a + :one REMOVE d","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"UPDATED_NEW"}"#)
        #expect(updatedNew["Attributes"] == json(#"{"a":{"N":"3"}}"#))
        let allOld = h.ok("UpdateItem", #"{\#(base),"UpdateExpression":"ADD s :s","ExpressionAttributeValues":{":s":{"SS":["q"]}},"ReturnValues":"ALL_OLD"}"#)
        #expect(allOld["Attributes"] == json(#"{"a":{"N":"3"},"pk":{"S":"a"},"sk":{"N":"1"}}"#))
        let none = h.ok("UpdateItem", #"{\#(base),"UpdateExpression":"SET z = :z","ExpressionAttributeValues":{":z":{"BOOL":true}},"ReturnValues":"NONE"}"#)
        #expect(none == .object([]))
        #expect(h.get("tab", Self.key) == json(#"{"a":{"N":"3"},"pk":{"S":"a"},"s":{"SS":["q"]},"sk":{"N":"1"},"z":{"BOOL":true}}"#))
        // UPDATED_OLD on a newly created item: nothing was there before.
        let fresh = h.ok("UpdateItem", #"{"TableName":"tab","Key":{"pk":{"S":"n"},"sk":{"N":"1"}},"UpdateExpression":"SET a = :a","ExpressionAttributeValues":{":a":{"N":"1"}},"ReturnValues":"UPDATED_OLD"}"#)
        #expect(fresh["Attributes"] == nil)
        // An update with no expression creates just the key.
        h.ok("UpdateItem", #"{"TableName":"tab","Key":{"pk":{"S":"k"},"sk":{"N":"1"}}}"#)
        #expect(h.get("tab", #"{"pk":{"S":"k"},"sk":{"N":"1"}}"#) == json(#"{"pk":{"S":"k"},"sk":{"N":"1"}}"#))
        // Number overflow in an update.
        #expect(h.message("UpdateItem", #"{\#(base),"UpdateExpression":"SET a = a + :big","ExpressionAttributeValues":{":big":{"N":"9.99e125"}}}"#)
            == "Number overflow. Attempting to store a number with magnitude larger than supported range")
    }

    @Test func itemCountAndSizeFollowWrites() throws {
        let h = try Harness()
        h.createTable()
        for i in 0..<5 { h.put("tab", #"{"pk":{"S":"cnt"},"sk":{"N":"\#(i)"},"v":{"S":"abc"}}"#) }
        h.ok("DeleteItem", #"{"TableName":"tab","Key":{"pk":{"S":"cnt"},"sk":{"N":"0"}}}"#)
        // Deleting a missing item changes nothing.
        h.ok("DeleteItem", #"{"TableName":"tab","Key":{"pk":{"S":"cnt"},"sk":{"N":"0"}}}"#)
        // Rewriting an item with the same content changes nothing either.
        h.put("tab", #"{"pk":{"S":"cnt"},"sk":{"N":"1"},"v":{"S":"abc"}}"#)
        let t = try #require(h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"])
        #expect(t["ItemCount"] == 4)
        #expect(t["TableSizeBytes"] == .int(4 * ((2 + 3) + (2 + 2) + (1 + 3))))
        h.put("tab", #"{"pk":{"S":"cnt"},"sk":{"N":"1"},"v":{"S":"abcdef"}}"#)
        #expect(h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"]?["TableSizeBytes"] == .int(4 * 13 + 3))
    }

    /// With PITR on, every change appends a history row (old and new image) in the same transaction.
    @Test func historyRows() throws {
        let h = try Harness()
        h.createTable()
        h.ok("UpdateContinuousBackups", #"{"TableName":"tab","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}"#)
        h.ok("UpdateItem", #"{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"N":"2"}}}"#)
        h.ok("DeleteItem", #"{"TableName":"tab","Key":\#(Self.key)}"#)
        let table = try #require(h.service.table("tab", env: h.env))
        let rows = try h.store.read { r in
            var out: [(String?, String?, String)] = []
            try r.history(tid: table.storageId, afterSeq: 0, limit: 10) { row in
                out.append((row.oldItem.map { String(decoding: $0, as: UTF8.self) }, row.newItem.map { String(decoding: $0, as: UTF8.self) }, row.origin))
                return true
            }
            return out
        }
        #expect(rows.count == 3)
        #expect(rows[0].0 == nil && rows[0].1 == #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}"#)
        #expect(rows[1].0 == rows[0].1 && rows[1].1 == #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"2"}}"#)
        #expect(rows[2].0 == rows[1].1 && rows[2].1 == nil)
        #expect(rows.allSatisfy { $0.2 == "user" })
    }

    /// A table with neither PITR nor a stream keeps no history.
    @Test func noHistoryWithoutPITROrStream() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}"#)
        h.ok("DeleteItem", #"{"TableName":"tab","Key":\#(Self.key)}"#)
        let table = try #require(h.service.table("tab", env: h.env))
        let count = try h.store.read { r in
            var n = 0
            try r.history(tid: table.storageId, afterSeq: 0, limit: 10) { _ in n += 1; return true }
            return n
        }
        #expect(count == 0)
    }

    /// ItemCollectionMetrics only for tables with local secondary indexes, when asked.
    @Test func itemCollectionMetrics() throws {
        let h = try Harness()
        h.createTable(extra: #""LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]"#,
                      attributes: #"{"AttributeName":"l","AttributeType":"S"}"#)
        let out = h.ok("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"l":{"S":"x"}},"ReturnItemCollectionMetrics":"SIZE"}"#)
        #expect(out["ItemCollectionMetrics"] == json(#"{"ItemCollectionKey":{"pk":{"S":"a"}},"SizeEstimateRangeGB":[0.0,1.0]}"#))
        #expect(h.ok("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"2"}},"ReturnItemCollectionMetrics":"NONE"}"#) == .object([]))
        let plain = try Harness()
        plain.createTable()
        #expect(plain.ok("PutItem", #"{"TableName":"tab","Item":\#(Self.key),"ReturnItemCollectionMetrics":"SIZE"}"#) == .object([]))
    }
}
