import DynamoModel
import TestSupport
import Testing
@testable import DynamoExpressions

func scanFilter(_ filterJSON: String, _ op: String? = nil) throws(DynamoError) -> Condition {
    try Legacy.filter(json(filterJSON), conditionalOperator: op, kind: .scanFilter)
}

func scanFilterError(_ filterJSON: String, _ op: String? = nil) -> String? {
    message { () throws(DynamoError) in try scanFilter(filterJSON, op) }
}

func filterMatches(_ filterJSON: String, _ itemJSON: String?, _ op: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    do {
        return try scanFilter(filterJSON, op).evaluate(itemJSON.map(item))
    } catch {
        Issue.record("unexpected error: \(error.message ?? "")", sourceLocation: sourceLocation)
        return false
    }
}

let legacyItem = #"{"s":{"S":"hello"},"n":{"N":"10"},"b":{"B":"AQID"},"ss":{"SS":["a","b"]},"l":{"L":[{"N":"1"}]},"t":{"BOOL":true}}"#

struct LegacyFilterTests {
    @Test(arguments: [
        (#"{"s":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"hello"}]}}"#, true),
        (#"{"s":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]}}"#, false),
        (#"{"ss":{"ComparisonOperator":"EQ","AttributeValueList":[{"SS":["b","a"]}]}}"#, true),
        (#"{"s":{"ComparisonOperator":"NE","AttributeValueList":[{"S":"x"}]}}"#, true),
        (#"{"absent":{"ComparisonOperator":"NE","AttributeValueList":[{"S":"x"}]}}"#, true),
        (#"{"n":{"ComparisonOperator":"LE","AttributeValueList":[{"N":"10"}]}}"#, true),
        (#"{"n":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"10"}]}}"#, false),
        (#"{"n":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"10"}]}}"#, true),
        (#"{"n":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"9"}]}}"#, true),
        (#"{"n":{"ComparisonOperator":"GT","AttributeValueList":[{"S":"9"}]}}"#, false),
        (#"{"s":{"ComparisonOperator":"NOT_NULL"}}"#, true),
        (#"{"absent":{"ComparisonOperator":"NOT_NULL"}}"#, false),
        (#"{"absent":{"ComparisonOperator":"NULL"}}"#, true),
        (#"{"s":{"ComparisonOperator":"NULL"}}"#, false),
        (#"{"s":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"ell"}]}}"#, true),
        (#"{"ss":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"a"}]}}"#, true),
        (#"{"l":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"N":"1"}]}}"#, true),
        (#"{"b":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"B":"AgM="}]}}"#, true),
        (#"{"s":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"S":"xyz"}]}}"#, true),
        (#"{"ss":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"S":"a"}]}}"#, false),
        (#"{"absent":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"S":"a"}]}}"#, false),
        (#"{"s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"he"}]}}"#, true),
        (#"{"b":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"B":"AQ=="}]}}"#, true),
        (#"{"n":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"},{"N":"10"}]}}"#, true),
        (#"{"n":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"},{"N":"2"}]}}"#, false),
        (#"{"n":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"10"}]}}"#, true),
        (#"{"s":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"a"},{"S":"b"}]}}"#, false),
        ("{}", true),
    ])
    func everyOperator(_ filter: String, _ expected: Bool) {
        #expect(filterMatches(filter, legacyItem) == expected)
    }

    @Test func conditionalOperator() {
        let both = #"{"s":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"hello"}]},"n":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}"#
        #expect(filterMatches(both, legacyItem) == false)
        #expect(filterMatches(both, legacyItem, "AND") == false)
        #expect(filterMatches(both, legacyItem, "OR") == true)
        #expect(scanFilterError(both, "XOR")
            == "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]")
    }

    @Test func topLevelAttributes() throws {
        let condition = try scanFilter(#"{"a.b":{"ComparisonOperator":"NULL"},"c":{"ComparisonOperator":"NOT_NULL"}}"#)
        #expect(condition.topLevelAttributes == ["a.b", "c"])
        #expect(try condition.evaluate(item(#"{"c":{"N":"1"}}"#)))
    }

    /// dynalite test/scan.js and test/query.js (validated against DynamoDB).
    @Test func argumentCounts() {
        let cases: [(String, String)] = [
            ("EQ", "[]"), ("NE", "[]"), ("LE", "[]"), ("LT", "[]"), ("GE", "[]"), ("GT", "[]"), ("CONTAINS", "[]"),
            ("NOT_CONTAINS", "[]"), ("BEGINS_WITH", "[]"), ("IN", "[]"), ("BETWEEN", "[]"),
            ("NULL", #"[{"S":"a"}]"#), ("NOT_NULL", #"[{"S":"a"}]"#), ("EQ", #"[{"S":"a"},{"S":"a"}]"#),
            ("NE", #"[{"S":"a"},{"S":"a"}]"#), ("LE", #"[{"S":"a"},{"S":"a"}]"#), ("LT", #"[{"S":"a"},{"S":"a"}]"#),
            ("GE", #"[{"S":"a"},{"S":"a"}]"#), ("GT", #"[{"S":"a"},{"S":"a"}]"#), ("CONTAINS", #"[{"S":"a"},{"S":"a"}]"#),
            ("NOT_CONTAINS", #"[{"S":"a"},{"S":"a"}]"#), ("BEGINS_WITH", #"[{"S":"a"},{"S":"a"}]"#),
            ("BETWEEN", #"[{"S":"a"},{"S":"a"},{"S":"a"}]"#),
        ]
        for (op, list) in cases {
            #expect(scanFilterError(#"{"a":{"ComparisonOperator":"\#(op)","AttributeValueList":\#(list)}}"#)
                == "One or more parameter values were invalid: Invalid number of argument(s) for the \(op) ComparisonOperator", "\(op) \(list)")
        }
        #expect(scanFilterError(#"{"a":{"ComparisonOperator":"EQ"},"b":{"ComparisonOperator":"NULL"}}"#)
            == "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator")
    }

    /// dynalite test/scan.js and test/query.js (validated against DynamoDB).
    @Test func argumentTypes() {
        var cases: [(String, String)] = []
        for op in ["LT", "LE", "GT", "GE", "IN"] {
            for value in [#"{"BOOL":true}"#, #"{"NULL":true}"#, #"{"SS":["a"]}"#, #"{"NS":["1"]}"#, #"{"BS":["abcd"]}"#, #"{"M":{}}"#, #"{"L":[]}"#] {
                cases.append((op, "[\(value)]"))
            }
        }
        for op in ["CONTAINS", "NOT_CONTAINS"] {
            for value in [#"{"SS":["a"]}"#, #"{"NS":["1"]}"#, #"{"BS":["abcd"]}"#, #"{"M":{}}"#, #"{"L":[]}"#] {
                cases.append((op, "[\(value)]"))
            }
        }
        for value in [#"{"N":"1"}"#, #"{"BOOL":true}"#, #"{"NULL":true}"#, #"{"SS":["a"]}"#, #"{"M":{}}"#, #"{"L":[]}"#] {
            cases.append(("BEGINS_WITH", "[\(value)]"))
        }
        for value in [#"{"SS":["a"]}"#, #"{"NS":["1"]}"#, #"{"BS":["abcd"]}"#] {
            cases.append(("BETWEEN", #"[{"S":"a"},"# + value + "]"))
        }
        for (op, list) in cases {
            let type = list.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
            let lastType = op == "BETWEEN" ? String(list.split(separator: "\"")[5]) : type
            #expect(scanFilterError(#"{"a":{"ComparisonOperator":"\#(op)","AttributeValueList":\#(list)}}"#)
                == "One or more parameter values were invalid: ComparisonOperator \(op) is not valid for \(lastType) AttributeValue type", "\(op) \(list)")
        }
        #expect(scanFilterError(#"{"a":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"BOOL":true}]}}"#) == nil)
        #expect(scanFilterError(#"{"a":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"B":"YQ=="}]}}"#) == nil)
        #expect(scanFilterError(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"SS":["a"]}]}}"#) == nil)
    }

    @Test func operatorEnumAndValues() {
        // dynalite test/scan.js (validated against DynamoDB).
        #expect(scanFilterError(#"{"b":{"ComparisonOperator":""}}"#)
            == "1 validation error detected: Value '' at 'scanFilter.b.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]")
        #expect(scanFilterError(#"{"a":{}}"#)
            == "1 validation error detected: Value null at 'scanFilter.a.member.comparisonOperator' failed to satisfy constraint: Member must not be null")
        #expect(scanFilterError(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{}]}}"#)
            == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        #expect(scanFilterError(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"b"}]}}"#)
            == "The parameter cannot be converted to a numeric value: b")
        #expect(message { () throws(DynamoError) in
            try Legacy.filter(json(#"{"a":{"ComparisonOperator":"IN","AttributeValueList":[{"S":"b"},{"N":"1"}]}}"#), conditionalOperator: nil, kind: .queryFilter)
        } == "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type")
    }
}

struct LegacyExpectedTests {
    func expected(_ text: String, _ op: String? = nil) throws(DynamoError) -> Condition {
        try Legacy.expected(json(text), conditionalOperator: op)
    }

    func expectedError(_ text: String) -> String? {
        message { () throws(DynamoError) in try expected(text) }
    }

    @Test func valueAndExists() throws {
        #expect(try expected(#"{"s":{"Value":{"S":"hello"}}}"#).evaluate(item(legacyItem)))
        #expect(try expected(#"{"s":{"Value":{"S":"hello"},"Exists":true}}"#).evaluate(item(legacyItem)))
        #expect(try !expected(#"{"s":{"Value":{"S":"bye"}}}"#).evaluate(item(legacyItem)))
        #expect(try expected(#"{"x":{"Exists":false}}"#).evaluate(item(legacyItem)))
        #expect(try !expected(#"{"s":{"Exists":false}}"#).evaluate(item(legacyItem)))
        #expect(try !expected(#"{"s":{"Value":{"S":"hello"}}}"#).evaluate(nil))
        #expect(try expected(#"{"n":{"ComparisonOperator":"GT","Value":{"N":"1"}}}"#).evaluate(item(legacyItem)))
        #expect(try expected(#"{"n":{"ComparisonOperator":"GT","Value":{"N":"100"}},"s":{"Exists":true,"Value":{"S":"hello"}}}"#, "OR").evaluate(item(legacyItem)))
    }

    @Test func invalidCombinations() {
        // dynalite test/updateItem.js and validations/index.js (validated against DynamoDB).
        #expect(expectedError(#"{"a":{}}"#) == "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a")
        #expect(expectedError(#"{"a":{"Exists":true}}"#) == "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a")
        #expect(expectedError(#"{"a":{"Exists":false,"Value":{"S":"a"}}}"#) == "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a")
        #expect(expectedError(#"{"a":{"ComparisonOperator":"EQ","Exists":true,"Value":{"S":"a"}}}"#)
            == "One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a")
        #expect(expectedError(#"{"a":{"ComparisonOperator":"EQ","Value":{"S":"a"},"AttributeValueList":[{"S":"a"}]}}"#)
            == "One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: a")
        #expect(expectedError(#"{"a":{"AttributeValueList":[{"S":"a"}]}}"#)
            == "One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a")
        #expect(expectedError(#"{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"2"},{"N":"1"}]}}"#)
            == "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
        #expect(expectedError(#"{"a":{"ComparisonOperator":"NULL","Value":{"S":"a"}}}"#)
            == "One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator")
    }
}

struct LegacyKeyConditionsTests {
    func keyPlan(_ text: String, pk: String = "a", sk: String? = nil, pkType: String? = "S", skType: String? = "S") throws(DynamoError) -> KeyConditionPlan {
        try Legacy.keyConditions(json(text), partitionKey: pk, sortKey: sk, partitionKeyType: pkType, sortKeyType: skType)
    }

    func keyError(_ text: String, pk: String = "a", sk: String? = nil) -> String? {
        message { () throws(DynamoError) in try keyPlan(text, pk: pk, sk: sk) }
    }

    @Test func plans() throws {
        let p = try keyPlan(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]},"b":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"c"},{"S":"f"}]}}"#, sk: "b")
        #expect(p.partitionValue == .s("x"))
        #expect(p.sortCondition == .between(.s("c"), .s("f")))
        #expect(try keyPlan(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]},"b":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"c"}]}}"#, sk: "b").sortCondition == .beginsWith(.s("c")))
        #expect(try keyPlan(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]}}"#, sk: "b").sortCondition == nil)
    }

    /// dynalite test/query.js (validated against DynamoDB).
    @Test func refusals() {
        #expect(keyError("{}") == "Conditions can be of length 1 or 2 only")
        #expect(keyError(#"{"a":{"ComparisonOperator":"NULL"},"b":{"ComparisonOperator":"NULL"},"c":{"ComparisonOperator":"NULL"}}"#)
            == "Conditions can be of length 1 or 2 only")
        #expect(keyError(#"{"a":{"ComparisonOperator":"LE","AttributeValueList":[{"SS":["a"]}]}}"#)
            == "One or more parameter values were invalid: ComparisonOperator LE is not valid for SS AttributeValue type")
        #expect(keyError(#"{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"b"},{"S":"a"}]}}"#)
            == "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
        #expect(keyError(#"{"a":{"ComparisonOperator":"IN","AttributeValueList":[{"S":"b"},{"N":"1"}]}}"#)
            == "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type")
        #expect(keyError(#"{"z":{"ComparisonOperator":"NULL"}}"#) == "Query condition missed key schema element: a")
        #expect(keyError(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"b"}]},"c":{"ComparisonOperator":"NULL"}}"#, sk: "b")
            == "Query condition missed key schema element: b")
        for op in [#"{"ComparisonOperator":"NULL"}"#, #"{"ComparisonOperator":"NOT_NULL"}"#, #"{"ComparisonOperator":"NE","AttributeValueList":[{"N":"1"}]}"#,
                   #"{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"a"}]}"#, #"{"ComparisonOperator":"IN","AttributeValueList":[{"S":"a"}]}"#] {
            #expect(keyError(#"{"a":\#(op)}"#) == "Attempted conditional constraint is not an indexable operation", "\(op)")
        }
        for op in ["LE", "LT", "GE", "GT", "BEGINS_WITH"] {
            #expect(keyError(#"{"a":{"ComparisonOperator":"\#(op)","AttributeValueList":[{"S":"a"}]}}"#) == "Query key condition not supported", "\(op)")
        }
        #expect(keyError(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]},"b":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}}"#)
            == "Query key condition not supported")
        #expect(keyError(#"{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}"#)
            == "One or more parameter values were invalid: Condition parameter type does not match schema type")
    }
}

struct LegacyUpdateTests {
    func legacyUpdate(_ text: String) throws(DynamoError) -> Update {
        try Legacy.attributeUpdates(json(text))
    }

    func updateError(_ text: String) -> String? {
        message { () throws(DynamoError) in try legacyUpdate(text) }
    }

    @Test func actions() throws {
        let old = item(#"{"k":{"S":"key"},"n":{"N":"1"},"ss":{"SS":["a","b"]},"l":{"L":[{"N":"1"}]},"gone":{"S":"x"},"del":{"NS":["1"]}}"#)
        let update = try legacyUpdate(#"""
        {"p":{"Value":{"S":"put"}},"q":{"Action":"PUT","Value":{"N":"2"}},"n":{"Action":"ADD","Value":{"N":"4"}},
         "new":{"Action":"ADD","Value":{"N":"3"}},"ss":{"Action":"DELETE","Value":{"SS":["a"]}},"gone":{"Action":"DELETE"},
         "l":{"Action":"ADD","Value":{"L":[{"N":"2"}]}},"del":{"Action":"DELETE","Value":{"NS":["1"]}},"absent":{"Action":"DELETE"}}
        """#)
        let result = try update.apply(to: old)
        #expect(result.item == item(#"{"k":{"S":"key"},"p":{"S":"put"},"q":{"N":"2"},"n":{"N":"5"},"new":{"N":"3"},"ss":{"SS":["b"]},"l":{"L":[{"N":"1"},{"N":"2"}]}}"#))
        #expect(update.topLevelAttributes == ["p", "q", "n", "new", "ss", "gone", "l", "del", "absent"])
        #expect(result.updatedAttributes(of: old) == item(#"{"n":{"N":"1"},"ss":{"SS":["a","b"]},"gone":{"S":"x"},"l":{"L":[{"N":"1"}]},"del":{"NS":["1"]}}"#))
    }

    /// dynalite test/updateItem.js (validated against DynamoDB).
    @Test func refusals() {
        #expect(updateError(#"{"a":{"x":"whatever"}}"#) == "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified")
        for value in [#"{"S":"1"}"#, #"{"N":"1"}"#, #"{"B":"Yg=="}"#, #"{"NULL":true}"#, #"{"BOOL":true}"#, #"{"M":{}}"#, #"{"L":[]}"#] {
            let type = value.split(separator: "\"")[1]
            #expect(updateError(#"{"a":{"Action":"DELETE","Value":\#(value)}}"#)
                == "One or more parameter values were invalid: DELETE action with value is not supported for the type \(type)")
        }
        for value in [#"{"S":"1"}"#, #"{"B":"Yg=="}"#, #"{"NULL":true}"#, #"{"BOOL":true}"#, #"{"M":{}}"#] {
            let type = value.split(separator: "\"")[1]
            #expect(updateError(#"{"a":{"Action":"ADD","Value":\#(value)}}"#)
                == "One or more parameter values were invalid: ADD action is not supported for the type \(type)")
        }
        #expect(updateError(#"{"a":{"Action":"SET","Value":{"S":"1"}}}"#)
            == "1 validation error detected: Value 'SET' at 'attributeUpdates.a.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]")
    }

    /// dynalite test/updateItem.js: "Type mismatch for attribute to update".
    @Test func typeMismatch() throws {
        let old = item(#"{"b":{"SS":["1"]},"c":{"N":"1"},"d":{"NS":["1"]}}"#)
        for updates in [#"{"b":{"Action":"DELETE","Value":{"NS":["1"]}}}"#, #"{"b":{"Action":"DELETE","Value":{"BS":["YQ=="]}}}"#,
                        #"{"c":{"Action":"DELETE","Value":{"NS":["1"]}}}"#, #"{"b":{"Action":"ADD","Value":{"NS":["1"]}}}"#,
                        #"{"d":{"Action":"ADD","Value":{"N":"1"}}}"#] {
            let update = try legacyUpdate(updates)
            #expect(message { () throws(DynamoError) in try update.apply(to: old) } == "Type mismatch for attribute to update", "\(updates)")
        }
    }

    @Test func attributesToGet() throws {
        let projection = try Legacy.attributesToGet(json(#"["a","b.c"]"#))
        #expect(projection.apply(to: item(#"{"a":{"N":"1"},"b.c":{"N":"2"},"b":{"M":{"c":{"N":"3"}}}}"#)) == item(#"{"a":{"N":"1"},"b.c":{"N":"2"}}"#))
        #expect(projection.topLevelAttributes == ["a", "b.c"])
        // dynalite test/scan.js (validated against DynamoDB).
        #expect(message { () throws(DynamoError) in try Legacy.attributesToGet(json(#"["a","a"]"#)) }
            == "One or more parameter values were invalid: Duplicate value in attribute name: a")
        #expect(message { () throws(DynamoError) in try Legacy.attributesToGet(json("[]")) }
            == "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1")
    }
}
