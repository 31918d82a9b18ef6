import DynamoModel
import Testing
@testable import DynamoExpressions

struct ReservedWordTests {
    @Test func theFullList() {
        // AWS "Reserved words in DynamoDB": 573 words.
        #expect(ReservedWords.all.count == 573)
        for word in ["ABORT", "status", "Status", "name", "data", "ttl", "Year", "ZONE", "FLATTERN", "INNTER", "LOGED"] {
            #expect(ReservedWords.contains(word), "\(word)")
        }
        for word in ["myattribute", "pk", "sk", "begins_with", "contains", "attribute_exists"] {
            #expect(!ReservedWords.contains(word), "\(word)")
        }
    }

    @Test(arguments: ["Comment", "DATE", "user", "Timestamp", "count", "size", "values", "key"])
    func bareReservedNamesAreRefusedEverywhere(_ word: String) {
        #expect(conditionError("\(word) = :v", values: v)
            == "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: \(word)")
        #expect(updateError("SET a.\(word) = :v", values: v)
            == "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: \(word)")
        #expect(projectionError("a, b[1].\(word)")
            == "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: \(word)")
    }

    @Test func namesAvoidTheCheck() {
        #expect(conditionError("#s = :v", names: ["#s": "status"], values: v) == nil)
        #expect(updateError("set #s = :v", names: ["#s": "status"], values: v) == nil)
        #expect(projectionError("#s", names: ["#s": "status"]) == nil)
    }

    @Test func keywordsAreCaseInsensitive() {
        #expect(updateError("sEt a = :v rEmOvE b aDd c :n DeLeTe d :ss", values: #"{":v":{"S":"x"},":n":{"N":"1"},":ss":{"SS":["x"]}}"#) == nil)
        #expect(conditionError("a between :v and :v Or not b in (:v)", values: v) == nil)
    }
}

struct MiscTests {
    @Test func documentPaths() {
        let path = DocumentPath([.name("a"), .index(3), .name("b")])
        #expect(path.description == "[a, [3], b]")
        #expect(path.topLevelName == "a")
        #expect(path.isNested)
        #expect(path.value(in: item(#"{"a":{"L":[{"N":"0"},{"N":"1"},{"N":"2"},{"M":{"b":{"S":"deep"}}}]}}"#)) == .s("deep"))
        #expect(path.value(in: nil) == nil)
        #expect(DocumentPath(name: "x").description == "[x]")
    }

    @Test func updateWithoutExistingItem() throws {
        var request = makeRequest(values: #"{":n":{"N":"1"},":s":{"SS":["a"]}}"#)
        let update = try request.update("ADD c :n, s :s REMOVE gone")
        let result = try update.apply(to: nil)
        #expect(result.item == item(#"{"c":{"N":"1"},"s":{"SS":["a"]}}"#))
        #expect(result.updatedAttributes(of: [:]) == [:])
    }

    @Test func conditionOnNoItem() {
        #expect(check("attribute_not_exists(pk)", nil))
        #expect(check("a <> :v", nil, values: v))
        #expect(!check("a = :v", nil, values: v))
    }
}
