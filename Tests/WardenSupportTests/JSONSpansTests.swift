import Testing
import WardenSupport

@Suite("JSON reader with spans")
struct JSONSpansTests {
    @Test func spansFollowDocumentOrder() throws {
        let text = #"{"a": [1, "é"], "b": null}"#
        let (value, spans) = try JSONParser.parseWithSpans(Array(text.utf8))
        #expect(value == (try JSONParser.parse(text)))
        let bytes = Array(text.utf8)
        let pieces = spans.values.map { String(decoding: bytes[$0.start...$0.end], as: UTF8.self) }
        #expect(pieces == [text, #"[1, "é"]"#, "1", #""é""#, "null"])
        #expect(spans.keys.map { bytes[$0] } == [UInt8(ascii: "\""), UInt8(ascii: "\"")])
        #expect(spans.keys == [1, 17])  // byte offsets: é is two bytes
    }

    @Test func depthIsTheCallersToChoose() {
        let deep = Array((String(repeating: "[", count: 70) + String(repeating: "]", count: 70)).utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parseWithSpans(deep, maxDepth: 64) }
        #expect((try? JSONParser.parse(deep)) != nil)
    }

    @Test func errorsCarryTheirOffset() {
        do {
            _ = try JSONParser.parseWithSpans(Array(#"{"a": tru}"#.utf8))
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 6)
            #expect(error.message == "Unrecognized token")
        }
    }
}
