import DynamoModel
import TestSupport
import Testing
@testable import DynamoExpressions

struct RequestTests {
    func build(names: String?, values: String?) -> String? {
        message { () throws(DynamoError) in
            _ = try ExpressionRequest(namesJSON: names.map(json), valuesJSON: values.map(json))
        }
    }

    @Test func substitutionMaps() {
        // dynalite test/updateItem.js and test/query.js (validated against DynamoDB).
        #expect(build(names: "{}", values: "{}") == "ExpressionAttributeNames must not be empty")
        #expect(build(names: #"{"a":"a"}"#, values: "{}") == #"ExpressionAttributeNames contains invalid key: Syntax error; key: "a""#)
        #expect(build(names: nil, values: "{}") == "ExpressionAttributeValues must not be empty")
        #expect(build(names: nil, values: #"{"a":{"S":"b"}}"#) == #"ExpressionAttributeValues contains invalid key: Syntax error; key: "a""#)
        #expect(build(names: nil, values: #"{":b":{"a":""},"b":{"S":"a"}}"#) == #"ExpressionAttributeValues contains invalid key: Syntax error; key: "b""#)
        #expect(build(names: nil, values: #"{":b":{}}"#)
            == "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :b")
        #expect(build(names: nil, values: #"{":b":{"S":"a","N":"1"}}"#)
            == "ExpressionAttributeValues contains invalid value: Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes for key :b")
        #expect(build(names: nil, values: #"{":b":{"SS":[]}}"#)
            == "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :b")
        #expect(build(names: nil, values: #"{":b":{"N":"b"}}"#)
            == "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: b for key :b")
        #expect(build(names: ##"{"#ok_1":"x"}"##, values: #"{":ok_1":{"S":"x"}}"#) == nil)
        #expect(build(names: ##"{"#":"x"}"##, values: nil) == ##"ExpressionAttributeNames contains invalid key: Syntax error; key: "#""##)
        #expect(build(names: ##"{"#a-b":"x"}"##, values: nil) == ##"ExpressionAttributeNames contains invalid key: Syntax error; key: "#a-b""##)
    }

    /// Placeholders of at most 255 bytes (length before syntax), non-empty names of at most
    /// 65,535 bytes, and 2 MB of substitutions in all.
    @Test func substitutionLimits() {
        let k256 = "#" + String(repeating: "a", count: 255)
        #expect(build(names: #"{"\#(k256.dropLast())":"x"}"#, values: nil) == nil)
        #expect(build(names: #"{"\#(k256)":"x"}"#, values: nil)
            == "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 256")
        #expect(build(names: #"{"\#(k256)-":"x"}"#, values: nil)
            == "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 257")
        let v256 = ":" + String(repeating: "v", count: 255)
        #expect(build(names: nil, values: #"{"\#(v256)":{"S":"x"}}"#)
            == "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;")
        #expect(build(names: ##"{"#a":""}"##, values: nil) == "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a")
        #expect(build(names: ##"{"#a":"\##(String(repeating: "n", count: 65536))"}"##, values: nil)
            == "1 validation error detected: Attribute name is too large, must be less than 65536 bytes")
        #expect(build(names: nil, values: #"{":v":{"M":{"\#(String(repeating: "n", count: 65536))":{"S":"x"}}}}"#)
            == "1 validation error detected: Attribute name is too large, must be less than 65536 bytes")
        let mb2 = 2 * 1024 * 1024
        #expect(build(names: nil, values: #"{":a":{"S":"\#(String(repeating: "x", count: mb2 - 2))"}}"#) == nil)
        #expect(build(names: nil, values: #"{":a":{"S":"\#(String(repeating: "x", count: mb2 - 1))"}}"#) == "ExpressionAttributeValues exceeds max size")
        #expect(build(names: ##"{"#n":"\##(String(repeating: "n", count: 60000))"}"##,
                      values: #"{":a":{"S":"\#(String(repeating: "x", count: mb2 - 60000))"}}"#)
            == "Combined size of ExpressionAttributeNames and ExpressionAttributeValues exceeds max size")
    }

    /// A document path has at most 32 elements, names and list indexes alike.
    @Test func pathDepth() {
        var request = makeRequest()
        #expect(message { () throws(DynamoError) in _ = try request.projection("a" + String(repeating: ".b", count: 31)) } == nil)
        #expect(message { () throws(DynamoError) in _ = try request.projection("a" + String(repeating: "[1]", count: 32)) }
            == "Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33")
        #expect(message { () throws(DynamoError) in _ = try request.condition("attribute_exists(a" + String(repeating: ".b", count: 40) + ")", kind: .condition) }
            == "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 41")
        #expect(message { () throws(DynamoError) in _ = try request.update("REMOVE a" + String(repeating: ".b", count: 32)) }
            == "Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33")
    }

    @Test func mapsAreCheckedBeforeExpressions() {
        var request = makeRequest(names: [:], values: nil)
        #expect(message { () throws(DynamoError) in _ = try request.update("") } == "ExpressionAttributeNames must not be empty")
    }

    @Test func unusedNamesAndValuesAcrossExpressions() throws {
        var request = makeRequest(names: ["#a": "a", "#b": "b", "#c": "c"],
                                  values: #"{":a":{"S":"a"},":b":{"S":"a"},":c":{"S":"a"}}"#)
        _ = try request.update("SET #a = :a")
        _ = try request.condition("#b = :b", kind: .condition)
        // dynalite test/updateItem.js: names are reported before values.
        #expect(message { () throws(DynamoError) in try request.finish() }
            == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#c}")
        _ = try request.projection("#c")
        #expect(message { () throws(DynamoError) in try request.finish() }
            == "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}")
        _ = try request.condition("size(#c) > :c", kind: .filter)
        try request.finish()
        #expect(request.usedNames == ["#a", "#b", "#c"])
        #expect(request.usedValues == [":a", ":b", ":c"])
    }

    @Test func unusedKeysAreListedSorted() {
        var request = makeRequest(names: ["#z": "z", "#b": "b", "#a": "a"], values: nil)
        #expect(message { () throws(DynamoError) in
            _ = try request.projection("x")
            try request.finish()
        } == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b, #z}")
    }

    @Test func legacyMixing() {
        // dynalite test/updateItem.js (validated against DynamoDB).
        let request = json(#"{"TableName":"abc","Key":{"a":{}},"Expected":{"a":{}},"AttributeUpdates":{},"ExpressionAttributeNames":{},"ExpressionAttributeValues":{},"ConditionExpression":"","UpdateExpression":""}"#)
        #expect(message { () throws(DynamoError) in
            try Legacy.checkNotMixed(request: request, legacy: ["AttributeUpdates", "Expected"],
                                     expression: ["UpdateExpression", "ConditionExpression"])
        } == "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}")
        let onlyLegacy = json(#"{"Expected":{"a":{}},"ConditionExpression":null}"#)
        #expect(message { () throws(DynamoError) in
            try Legacy.checkNotMixed(request: onlyLegacy, legacy: ["Expected"], expression: ["ConditionExpression"])
        } == nil)
    }
}

struct CacheTests {
    @Test func parseTreesAreReused() throws {
        let cache = ExpressionCache(capacity: 8)
        var first = ExpressionRequest(names: ["#a": "a"], values: values(#"{":v":{"N":"1"}}"#), cache: cache)
        _ = try first.condition("#a = :v", kind: .condition)
        #expect(cache.misses == 1 && cache.hits == 0 && cache.count == 1)
        // Same text, different substitutions: the tree is reused, the resolution is not.
        var second = ExpressionRequest(names: ["#a": "b"], values: values(#"{":v":{"N":"2"}}"#), cache: cache)
        let condition = try second.condition("#a = :v", kind: .condition)
        #expect(cache.hits == 1)
        #expect(try condition.evaluate(item(#"{"b":{"N":"2"}}"#)))
        #expect(try !condition.evaluate(item(#"{"a":{"N":"1"}}"#)))
        // The kind is part of the key.
        _ = try second.condition("#a = :v", kind: .filter)
        #expect(cache.count == 2)
    }

    @Test func failuresAreNotCached() {
        let cache = ExpressionCache(capacity: 8)
        for _ in 0..<2 {
            var request = ExpressionRequest(names: nil, values: nil, cache: cache)
            #expect(message { () throws(DynamoError) in _ = try request.update("SET") } != nil)
            #expect(message { () throws(DynamoError) in _ = try request.projection("name") } != nil)
        }
        #expect(cache.count == 0)
    }

    @Test func boundedWithLeastRecentlyUsedEviction() throws {
        let cache = ExpressionCache(capacity: 4)
        for i in 0..<10 {
            var request = ExpressionRequest(names: nil, values: nil, cache: cache)
            _ = try request.projection("a\(i)")
            _ = try request.projection("a0")  // keep a0 hot
        }
        #expect(cache.count <= 4)
        let hitsBefore = cache.hits
        var request = ExpressionRequest(names: nil, values: nil, cache: cache)
        _ = try request.projection("a0")
        #expect(cache.hits == hitsBefore + 1)
        cache.removeAll()
        #expect(cache.count == 0)
    }

    @Test func concurrentUse() async throws {
        let cache = ExpressionCache(capacity: 16)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask {
                    var request = ExpressionRequest(names: nil, values: values(#"{":v":{"N":"\#(i % 8)"}}"#), cache: cache)
                    let condition = try request.condition("a\(i % 20) = :v", kind: .filter)
                    return try condition.evaluate(["a\(i % 20)": n("\(i % 8)")])
                }
            }
            for try await ok in group { #expect(ok) }
        }
        #expect(cache.count <= 16)
        #expect(cache.hits + cache.misses == 64)
    }
}
