import DynamoModel
import Testing
@testable import DynamoExpressions

func plan(_ text: String, values: String, names: [String: String]? = nil, pk: String = "pk", sk: String? = "sk",
          pkType: String? = "S", skType: String? = "N") throws(DynamoError) -> KeyConditionPlan {
    var request = makeRequest(names: names, values: values)
    let condition = try request.condition(text, kind: .keyCondition)
    return try KeyConditionPlan.plan(condition, partitionKey: pk, sortKey: sk, partitionKeyType: pkType, sortKeyType: skType)
}

func planError(_ text: String, values: String, pk: String = "pk", sk: String? = "sk", pkType: String? = "S",
               skType: String? = "N") -> String? {
    message { () throws(DynamoError) in try plan(text, values: values, pk: pk, sk: sk, pkType: pkType, skType: skType) }
}

struct KeyConditionTests {
    let vals = #"{":p":{"S":"q"},":a":{"N":"1"},":b":{"N":"5"},":s":{"S":"pre"}}"#

    @Test func partitionOnly() throws {
        let p = try plan("pk = :p", values: #"{":p":{"S":"q"}}"#)
        #expect(p.partitionValue == .s("q"))
        #expect(p.sortCondition == nil)
    }

    @Test(arguments: [
        ("pk = :p AND sk = :a", SortKeyCondition.equal(n("1"))),
        ("pk = :p AND sk < :a", .less(n("1"))),
        ("pk = :p AND sk <= :a", .lessOrEqual(n("1"))),
        ("pk = :p AND sk > :a", .greater(n("1"))),
        ("pk = :p AND sk >= :a", .greaterOrEqual(n("1"))),
        ("pk = :p AND :a < sk", .greater(n("1"))),
        ("pk = :p AND :a >= sk", .lessOrEqual(n("1"))),
        ("sk BETWEEN :a AND :b AND pk = :p", .between(n("1"), n("5"))),
        ("(pk = :p) AND (sk = :a)", .equal(n("1"))),
    ])
    func sortConditions(_ text: String, _ expected: SortKeyCondition) throws {
        let p = try plan(text, values: vals)
        #expect(p.partitionKey == "pk")
        #expect(p.partitionValue == .s("q"))
        #expect(p.sortCondition == expected)
    }

    @Test func beginsWithAndNames() throws {
        var request = makeRequest(names: ["#k": "pk", "#s": "sk"], values: #"{":p":{"S":"q"},":s":{"S":"pre"}}"#)
        let condition = try request.condition("#k = :p and begins_with(#s, :s)", kind: .keyCondition)
        let p = try KeyConditionPlan.plan(condition, partitionKey: "pk", sortKey: "sk", partitionKeyType: "S", sortKeyType: "S")
        #expect(p.sortCondition == .beginsWith(.s("pre")))
        #expect(condition.topLevelAttributes == ["pk", "sk"])
        #expect(p.partitionValue == .s("q"))
        #expect(p.sortCondition?.matches(.s("prefix")) == true)
        #expect(p.sortCondition?.matches(.s("other")) == false)
    }

    @Test func sortKeyMatching() {
        #expect(SortKeyCondition.between(n("1"), n("5")).matches(n("5")))
        #expect(!SortKeyCondition.between(n("1"), n("5")).matches(n("5.1")))
        #expect(!SortKeyCondition.less(n("1")).matches(nil))
        #expect(!SortKeyCondition.less(n("1")).matches(.s("0")))
        #expect(SortKeyCondition.greaterOrEqual(.b([1])).matches(.b([0xFF])))
    }

    @Test func refusals() {
        // Pinned against DynamoDB ("Query - KeyConditionExpression operand types").
        #expect(planError("pk = :p AND sk > :a AND extra = :b", values: vals)
            == "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)")
        // Pinned against DynamoDB: a key type that is not the attribute's fails the schema check.
        #expect(planError("pk = :p AND begins_with(sk, :s)", values: vals)
            == "One or more parameter values were invalid: Condition parameter type does not match schema type")
        #expect(planError("pk = :p AND sk = :v", values: #"{":p":{"S":"q"},":v":{"BOOL":true}}"#)
            == "One or more parameter values were invalid: Condition parameter type does not match schema type")
        // dynalite test/query.js (validated against DynamoDB).
        #expect(planError("z = :a", values: #"{":a":{"N":"1"}}"#, pk: "a", sk: nil)
            == "Query condition missed key schema element: a")
        #expect(planError("z between :a and :b", values: #"{":a":{"N":"1"},":b":{"N":"1"}}"#, pk: "a", sk: "b")
            == "Query condition missed key schema element: a")
        #expect(planError("a = :a and c = :b", values: #"{":a":{"S":"b"},":b":{"N":"1"}}"#, pk: "a", sk: "b")
            == "Query condition missed key schema element: b")
        #expect(planError(":a > a", values: #"{":a":{"N":"1"}}"#, pk: "a", sk: nil)
            == "One or more parameter values were invalid: Condition parameter type does not match schema type")
        for text in ["a > :a", "a < :a", ":a <= a", ":a >= a", "begins_with(a, :a)", "a between :a and :a"] {
            #expect(planError(text, values: #"{":a":{"S":"1"}}"#, pk: "a", sk: nil) == "Query key condition not supported", "\(text)")
        }
        #expect(planError("a = :a AND b = :a", values: #"{":a":{"S":"1"}}"#, pk: "a", sk: nil)
            == "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)")
        // Without key types, no schema check.
        #expect(planError("pk = :p AND sk = :s", values: vals, pkType: nil, skType: nil) == nil)
    }

    @Test func keyConditionSizeLimitHasNoSuffix() {
        // ExtendDB's captured DynamoDB messages.
        let text = "pk = :p AND a" + String(repeating: "z", count: 4096) + " = :q"
        #expect(conditionError(text, kind: .keyCondition) == "Invalid KeyConditionExpression: Expression size has exceeded the maximum allowed size;")
        let condition = "attribute_not_exists(a" + String(repeating: "z", count: 4096) + ")"
        #expect(conditionError(condition) == "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: \(condition.utf8.count)")
        let filter = "a" + String(repeating: "z", count: 4096) + " = :v"
        #expect(conditionError(filter, kind: .filter, values: v) == "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: \(filter.utf8.count)")
    }
}

@Suite struct MultiAttributeKeyConditionTests {
    let partition = [KeySchemaAttribute("t", "S"), KeySchemaAttribute("r", "S")]
    let sort = [KeySchemaAttribute("a", "S"), KeySchemaAttribute("b", "N"), KeySchemaAttribute("c", "S")]

    func plan(_ text: String, _ values: String) throws(DynamoError) -> KeyConditionPlan {
        var request = makeRequest(values: values)
        let condition = try request.condition(text, kind: .keyCondition)
        return try KeyConditionPlan.plan(condition, partition: partition, sort: sort)
    }

    @Test func everyPartitionAttributeByEqualityThenLeftToRight() throws {
        let p = try plan("r = :r AND t = :t AND a = :a AND b > :b", #"{":t":{"S":"T"},":r":{"S":"R"},":a":{"S":"A"},":b":{"N":"5"}}"#)
        #expect(p.partitionValues == [.s("T"), .s("R")])
        #expect(p.sortPrefix == [.s("A")])
        #expect(p.sortKey == "b")
        #expect(p.sortCondition == .greater(.n(try DynamoNumber.parse("5").get())))
    }

    @Test func refusals() {
        #expect(throws: DynamoError.validation("Query condition missed key schema element: r")) {
            try plan("t = :t", #"{":t":{"S":"T"}}"#)
        }
        #expect(throws: DynamoError.validation("Query key condition not supported")) {
            try plan("t = :t AND begins_with(r, :t)", #"{":t":{"S":"T"}}"#)
        }
        #expect(throws: DynamoError.validation("RANGE key attributes a must have equality conditions specified in the query because a condition is present on key attribute b")) {
            try plan("t = :t AND r = :t AND b = :b", #"{":t":{"S":"T"},":b":{"N":"1"}}"#)
        }
        #expect(throws: DynamoError.validation("RANGE key attributes a must have equality conditions specified in the query because a condition is present on key attribute c")) {
            try plan("t = :t AND r = :t AND a > :t AND c = :t", #"{":t":{"S":"T"}}"#)
        }
        #expect(throws: DynamoError.validation("One or more parameter values were invalid: Condition parameter type does not match schema type")) {
            try plan("t = :t AND r = :t AND a = :t AND b = :t", #"{":t":{"S":"T"}}"#)
        }
    }
}
