import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

struct QueryBehaviourTests {
    /// Partition "p" with sort keys 1…10 (value v = 10 × sk), plus neighbours.
    func harness() throws -> Harness {
        let h = try Harness()
        h.createTable()
        for pk in ["o", "p", "q"] {
            for i in 1...10 { h.put("tab", #"{"pk":{"S":"\#(pk)"},"sk":{"N":"\#(i)"},"v":{"N":"\#(i * 10)"}}"#) }
        }
        return h
    }

    func sortKeys(_ out: JSONValue) -> [Int] {
        (out["Items"]?.arrayValue ?? []).compactMap { item in
            item["sk"]?["N"]?.stringValue.flatMap { Int($0) }
        }
    }

    func query(_ h: Harness, _ condition: String, _ values: String = "", _ extra: String = "") -> JSONValue {
        h.ok("Query", #"{"TableName":"tab","KeyConditionExpression":"\#(condition)","ExpressionAttributeValues":{":p":{"S":"p"}\#(values)}\#(extra)}"#)
    }

    static let rangeCases: [(String, String, [Int])] = [
        ("pk = :p", "", Array(1...10)),
        ("pk = :p AND sk = :a", #",":a":{"N":"4"}"#, [4]),
        ("pk = :p AND sk < :a", #",":a":{"N":"4"}"#, [1, 2, 3]),
        ("pk = :p AND sk <= :a", #",":a":{"N":"4"}"#, [1, 2, 3, 4]),
        ("pk = :p AND sk > :a", #",":a":{"N":"7"}"#, [8, 9, 10]),
        ("pk = :p AND sk >= :a", #",":a":{"N":"7"}"#, [7, 8, 9, 10]),
        ("pk = :p AND sk BETWEEN :a AND :b", #",":a":{"N":"3"},":b":{"N":"5"}"#, [3, 4, 5]),
        ("pk = :p AND sk BETWEEN :a AND :b", #",":a":{"N":"3.5"},":b":{"N":"5.5"}"#, [4, 5]),
        ("pk = :p AND sk > :a", #",":a":{"N":"-1e100"}"#, Array(1...10)),
        ("pk = :p AND sk < :a", #",":a":{"N":"0.5"}"#, []),
    ]

    @Test(arguments: rangeCases)
    func ranges(_ condition: String, _ values: String, _ expected: [Int]) throws {
        let h = try harness()
        #expect(sortKeys(query(h, condition, values)) == expected)
        #expect(sortKeys(query(h, condition, values, #","ScanIndexForward":false"#)) == expected.reversed())
        #expect(query(h, condition, values)["Count"] == .int(expected.count))
    }

    @Test func limitAndLastEvaluatedKey() throws {
        let h = try harness()
        let first = query(h, "pk = :p", "", #","Limit":4"#)
        #expect(sortKeys(first) == [1, 2, 3, 4])
        #expect(first["ScannedCount"] == 4)
        #expect(first["LastEvaluatedKey"] == json(#"{"pk":{"S":"p"},"sk":{"N":"4"}}"#))
        let second = query(h, "pk = :p", "", #","Limit":4,"ExclusiveStartKey":{"pk":{"S":"p"},"sk":{"N":"4"}}"#)
        #expect(sortKeys(second) == [5, 6, 7, 8])
        let third = query(h, "pk = :p", "", #","Limit":4,"ExclusiveStartKey":\#(JSONWriter.string(second["LastEvaluatedKey"]!))"#)
        #expect(sortKeys(third) == [9, 10])
        #expect(third["LastEvaluatedKey"] == nil)
        // Backwards.
        let back = query(h, "pk = :p", "", #","Limit":3,"ScanIndexForward":false,"ExclusiveStartKey":{"pk":{"S":"p"},"sk":{"N":"8"}}"#)
        #expect(sortKeys(back) == [7, 6, 5])
        // A page that ends exactly at the last item still reports where it stopped, as DynamoDB does.
        let exact = query(h, "pk = :p", "", #","Limit":10"#)
        #expect(exact["LastEvaluatedKey"] == json(#"{"pk":{"S":"p"},"sk":{"N":"10"}}"#))
    }

    /// Limit counts items read, before the filter; Count counts what the filter kept.
    @Test func filterAfterLimit() throws {
        let h = try harness()
        let out = query(h, "pk = :p", #",":min":{"N":"35"}"#, #","FilterExpression":"v > :min","Limit":5"#)
        #expect(sortKeys(out) == [4, 5])
        #expect(out["Count"] == 2)
        #expect(out["ScannedCount"] == 5)
        let count = query(h, "pk = :p", #",":min":{"N":"35"}"#, #","FilterExpression":"v > :min","Select":"COUNT""#)
        #expect(count["Items"] == nil)
        #expect(count["Count"] == 7)
        let projected = query(h, "pk = :p AND sk = :a", #",":a":{"N":"2"}"#, #","ProjectionExpression":"v""#)
        #expect(projected["Items"] == json(#"[{"v":{"N":"20"}}]"#))
    }

    /// A page stops once 1 MB has been read; the next page starts after it.
    @Test func oneMegabytePages() throws {
        let h = try Harness()
        h.createTable()
        let padding = String(repeating: "x", count: 100_000)
        for i in 1...15 { h.put("tab", #"{"pk":{"S":"big"},"sk":{"N":"\#(i)"},"pad":{"S":"\#(padding)"}}"#) }
        // Each item is 100,000 + 3 + 5 + 2 + 2 (+1 for two-digit keys) bytes ≈ 100 KB: eleven reach 1 MB.
        let first = h.ok("Query", #"{"TableName":"tab","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"big"}},"Select":"COUNT"}"#)
        #expect(first["Count"] == 11)
        #expect(first["LastEvaluatedKey"] == json(#"{"pk":{"S":"big"},"sk":{"N":"11"}}"#))
        let second = h.ok("Query", #"{"TableName":"tab","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"big"}},"Select":"COUNT","ExclusiveStartKey":{"pk":{"S":"big"},"sk":{"N":"11"}}}"#)
        #expect(second["Count"] == 4)
        #expect(second["LastEvaluatedKey"] == nil)
        let scan = h.ok("Scan", #"{"TableName":"tab","Select":"COUNT"}"#)
        #expect(scan["Count"] == 11)
    }

    @Test func beginsWithOnStringSortKeys() throws {
        let h = try Harness()
        h.createTable(sortKey: "S")
        for sk in ["a", "ab", "abc", "abd", "ac", "b", "ab\u{FF}", "ab😀"] {
            h.put("tab", #"{"pk":{"S":"p"},"sk":{"S":"\#(sk)"}}"#)
        }
        let out = h.ok("Query", #"{"TableName":"tab","KeyConditionExpression":"pk = :p AND begins_with(sk, :b)","ExpressionAttributeValues":{":p":{"S":"p"},":b":{"S":"ab"}}}"#)
        #expect(out["Items"]?.arrayValue?.map { $0["sk"]?["S"]?.stringValue ?? "" } == ["ab", "abc", "abd", "ab\u{FF}", "ab😀"])
    }

    @Test func gsiQueryOrderAndPaging() throws {
        let h = try Harness()
        h.createTable(extra: #""GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]"#,
                      attributes: #"{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"r","AttributeType":"N"}"#)
        h.put("tab", #"{"pk":{"S":"b"},"sk":{"N":"1"},"g":{"S":"x"},"r":{"N":"1"},"extra":{"S":"e"}}"#)
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"r":{"N":"1"}}"#)
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"2"},"g":{"S":"x"},"r":{"N":"0"}}"#)
        h.put("tab", #"{"pk":{"S":"c"},"sk":{"N":"1"},"g":{"S":"y"},"r":{"N":"5"}}"#)
        let q = #""TableName":"tab","IndexName":"byG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"x"}}"#
        let all = h.ok("Query", "{\(q)}")
        #expect(all["Items"] == json(#"[{"g":{"S":"x"},"pk":{"S":"a"},"r":{"N":"0"},"sk":{"N":"2"}},{"g":{"S":"x"},"pk":{"S":"a"},"r":{"N":"1"},"sk":{"N":"1"}},{"g":{"S":"x"},"pk":{"S":"b"},"r":{"N":"1"},"sk":{"N":"1"}}]"#))
        let page = h.ok("Query", "{\(q),\"Limit\":2}")
        #expect(page["LastEvaluatedKey"] == json(#"{"g":{"S":"x"},"pk":{"S":"a"},"r":{"N":"1"},"sk":{"N":"1"}}"#))
        let rest = h.ok("Query", "{\(q),\"ExclusiveStartKey\":\(JSONWriter.string(page["LastEvaluatedKey"]!))}")
        #expect(rest["Items"]?.arrayValue?.map { $0["pk"]?["S"] } == ["b"])
    }
}

struct ScanBehaviourTests {
    @Test func segmentsPartitionTheTable() throws {
        let h = try Harness()
        h.createTable()
        for i in 0..<60 { h.put("tab", #"{"pk":{"S":"p\#(i)"},"sk":{"N":"\#(i % 3)"}}"#) }
        var seen: [String] = []
        for segment in 0..<4 {
            let out = h.ok("Scan", #"{"TableName":"tab","Segment":\#(segment),"TotalSegments":4}"#)
            let keys = out["Items"]?.arrayValue?.compactMap { $0["pk"]?["S"]?.stringValue } ?? []
            #expect(!keys.isEmpty)
            seen += keys
        }
        #expect(seen.count == 60)
        #expect(Set(seen).count == 60)
    }

    @Test func pagingWithLimit() throws {
        let h = try Harness()
        h.createTable()
        for i in 0..<25 { h.put("tab", #"{"pk":{"S":"p\#(i % 5)"},"sk":{"N":"\#(i)"}}"#) }
        var seen: [JSONValue] = []
        var start: JSONValue?
        var pages = 0
        repeat {
            let out = h.ok("Scan", #"{"TableName":"tab","Limit":7\#(start.map { ",\"ExclusiveStartKey\":" + JSONWriter.string($0) } ?? "")}"#)
            seen += out["Items"]?.arrayValue ?? []
            start = out["LastEvaluatedKey"]
            pages += 1
        } while start != nil
        #expect(pages == 4)
        #expect(seen.count == 25)
        #expect(Set(seen.map { JSONWriter.string($0) }).count == 25)
    }
}
