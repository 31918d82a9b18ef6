import Testing
@testable import AccessPolicy

@Suite("JSON reader")
struct JSONReaderTests {
    @Test func readsNestedValuesAndKeepsNumberText() throws {
        let node = try PolicyJSONReader.read(#"{"a": [1, 10.50, -2e3, true, false, null, "x\u00e9\n"]}"#)
        guard let members = node.value.lastWinsMembers, case .array(let items) = members[0].node.value else {
            Issue.record("not an object with an array")
            return
        }
        var texts: [String] = []
        for item in items {
            switch item.value {
            case .number(let text): texts.append(text)
            case .bool(let value): texts.append(value ? "true" : "false")
            case .null: texts.append("null")
            case .string(let text): texts.append(text)
            default: texts.append("?")
            }
        }
        #expect(texts == ["1", "10.50", "-2e3", "true", "false", "null", "xé\n"])
    }

    @Test func recordsOneBasedLinesAndColumns() throws {
        let text = "{\n  \"Statement\": [\n    {\"Sid\": \"é\"},\n    {}\n  ]\n}"
        let node = try PolicyJSONReader.read(text)
        #expect(node.start == SourcePosition(line: 1, column: 1))
        #expect(node.end == SourcePosition(line: 6, column: 1))
        guard let members = node.value.lastWinsMembers, case .array(let items) = members[0].node.value else {
            Issue.record("no array")
            return
        }
        #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3))
        #expect(items[0].start == SourcePosition(line: 3, column: 5))
        // `{"Sid": "é"}`: the é is one column wide.
        #expect(items[0].end == SourcePosition(line: 3, column: 16))
        #expect(items[1].start == SourcePosition(line: 4, column: 5))
        #expect(items[1].end == SourcePosition(line: 4, column: 6))
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        let node = try PolicyJSONReader.read(#"{"a": 1, "b": 2, "a": 3}"#)
        let members = try #require(node.value.lastWinsMembers)
        #expect(members.map(\.key) == ["a", "b"])
        guard case .number(let text) = members[0].node.value else {
            Issue.record("not a number")
            return
        }
        #expect(text == "3")
    }

    @Test(arguments: [
        "", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "{\"a\": 01}", "{\"a\": tru}", "\"\\x\"",
        "{\"a\": \"\u{01}\"}", "{} {}", "{\"a\": .5}", "{\"a\": \"\\ud800\"}",
    ])
    func rejectsMalformedJSON(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try PolicyJSONReader.read(text) }
    }

    @Test func decodesSurrogatePairs() throws {
        let node = try PolicyJSONReader.read(#""\ud83d\ude00""#)
        guard case .string(let text) = node.value else {
            Issue.record("not a string")
            return
        }
        #expect(text == "😀")
    }

    @Test func refusesDeepNesting() {
        let text = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: JSONSyntaxError.self) { try PolicyJSONReader.read(text) }
    }
}
