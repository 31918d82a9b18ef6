import DynamoModel
import Testing
@testable import DynamoExpressions

struct ProjectionTests {
    let doc = item(#"""
    {"a":{"M":{"b":{"L":[{"N":"0"},{"M":{"c":{"S":"c1"},"d":{"S":"d1"}}},{"N":"2"},{"N":"3"}]},"e":{"S":"e"}}},
     "x":{"S":"x"},"y":{"N":"1"},"arr":{"L":[{"S":"l0"},{"S":"l1"},{"S":"l2"}]}}
    """#)

    func project(_ text: String, names: [String: String]? = nil) throws -> Item {
        var request = makeRequest(names: names)
        return try request.projection(text).apply(to: doc)
    }

    @Test func topLevel() throws {
        #expect(try project("x, y, nothere") == item(#"{"x":{"S":"x"},"y":{"N":"1"}}"#))
    }

    @Test func nestedMapKeys() throws {
        #expect(try project("a.e") == item(#"{"a":{"M":{"e":{"S":"e"}}}}"#))
        #expect(try project("a.b[1].c, x") == item(#"{"a":{"M":{"b":{"L":[{"M":{"c":{"S":"c1"}}}]}}},"x":{"S":"x"}}"#))
    }

    @Test func listElementsKeepTheirOrder() throws {
        #expect(try project("arr[2], arr[0]") == item(#"{"arr":{"L":[{"S":"l0"},{"S":"l2"}]}}"#))
        #expect(try project("a.b[3], a.b[1].d, a.e") == item(#"{"a":{"M":{"b":{"L":[{"M":{"d":{"S":"d1"}}},{"N":"3"}]},"e":{"S":"e"}}}}"#))
        #expect(try project("arr[7]") == [:])
    }

    @Test func missingAndMismatchedPathsAreOmitted() throws {
        #expect(try project("a.zz, x.y, arr.k, y[0], a.b[1].zz") == [:])
    }

    @Test func namesAndTopLevelAttributes() throws {
        var request = makeRequest(names: ["#a": "a", "#n": "name"])
        let projection = try request.projection("#a.e, #n, x")
        #expect(projection.topLevelAttributes == ["a", "name", "x"])
        #expect(projection.paths.map(\.description) == ["[a, e]", "[name]", "[x]"])
        #expect(projection.apply(to: doc) == item(#"{"a":{"M":{"e":{"S":"e"}}},"x":{"S":"x"}}"#))
        #expect(request.usedNames == ["#a", "#n"])
    }

    @Test func sizeLimit() {
        // ExtendDB's captured DynamoDB messages: 4096 bytes pass, 4097 fail without a size suffix.
        let ok = "a" + String(repeating: "z", count: 4095)
        #expect(projectionError(ok) == nil)
        #expect(projectionError(ok + "z") == "Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;")
    }
}
