import Testing
@testable import DynamoModel

struct JSONParserValueTests {
    @Test func scalars() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("\"\"") == .string(""))
        #expect(try JSONParser.parse(" \t\r\n 42 \n") == .number("42"))
    }

    /// Numbers keep their source text exactly: no precision is lost.
    @Test(arguments: ["0", "-0", "12", "-12.5", "1e5", "1E+5", "1.25e-7", "123456789012345678901234567890.123456789"])
    func numbersKeepTheirText(_ text: String) throws {
        #expect(try JSONParser.parse(text) == .number(text))
        #expect(try JSONParser.parse("[\(text)]") == .array([.number(text)]))
    }

    @Test func containers() throws {
        let v = try JSONParser.parse(#"{"a": [1, {"b": null}], "c": {}, "d": []}"#)
        #expect(v == .object([("a", .array([.number("1"), .object([("b", .null)])])), ("c", .object([])), ("d", .array([]))]))
        #expect(v["a"]?.arrayValue?.count == 2)
        #expect(v["c"]?.objectValue?.isEmpty == true)
        #expect(v["missing"] == nil)
    }

    @Test func duplicateKeysKeepOrderAndLastWinsOnLookup() throws {
        let v = try JSONParser.parse(#"{"k": 1, "x": 2, "k": 3}"#)
        #expect(v.objectValue?.map(\.0) == ["k", "x", "k"])
        #expect(v["k"] == .number("3"))
    }

    @Test func objectMemberOrderMatters() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":2}"#) != JSONParser.parse(#"{"b":2,"a":1}"#))
    }

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u00E9""#, "Aéé"),
        (#""\u0000""#, "\u{0}"),
        (#""\u20ac""#, "€"),
        (#""a\nb""#, "a\nb"),
        (#""\ud83d\ude00""#, "😀"),
        (#""x\uD834\uDD1Ey""#, "x𝄞y"),
        (#""\uffff""#, "\u{FFFF}"),
        ("\"héllo 日本 😀\"", "héllo 日本 😀"),
        ("\"é\\n😀\"", "é\n😀"),
    ])
    func stringEscapes(_ json: String, _ expected: String) throws {
        #expect(try JSONParser.parse(json) == .string(expected))
    }

    @Test func keysMayHaveEscapes() throws {
        #expect(try JSONParser.parse(#"{"a\"b\u00e9":true}"#)["a\"bé"] == .bool(true))
    }

    /// 512 levels of nesting are accepted, 513 are refused.
    @Test func nestingLimit() throws {
        let ok = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        var v = try JSONParser.parse(ok)
        var depth = 1
        while case .array(let a) = v, let first = a.first { v = first; depth += 1 }
        #expect(depth == 512)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(jsonError(deep) == "JSON nested too deeply")
        let deepObjects = String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(jsonError(deepObjects) == "JSON nested too deeply")
        let okObjects = String(repeating: #"{"a":"#, count: 511) + "1" + String(repeating: "}", count: 511)
        #expect(jsonError(okObjects) == nil)
    }
}

struct JSONParserErrorTests {
    @Test(arguments: [
        ("", "Unexpected end of input"),
        ("   ", "Unexpected end of input"),
        ("x", "Unexpected character ('x')"),
        ("'a'", "Unexpected character (''')"),
        ("tru", "Unexpected end of input"),
        ("trux", "Unrecognized token"),
        ("nul", "Unexpected end of input"),
        ("nulL", "Unrecognized token"),
        ("fals", "Unexpected end of input"),
        ("falsy", "Unrecognized token"),
        ("True", "Unexpected character ('T')"),
        ("{a:1}", "Unexpected character: was expecting double-quote to start field name"),
        ("{\"a\",1}", "Unexpected character: was expecting a colon to separate field name and value"),
        ("{\"a\"", "Unexpected character: was expecting a colon to separate field name and value"),
        ("{\"a\":", "Unexpected end of input"),
        ("{\"a\":1", "Unexpected end of input: expected close marker for OBJECT"),
        ("{\"a\":1 \"b\":2}", "Unexpected character: was expecting comma to separate OBJECT entries"),
        ("{\"a\":1,}", "Unexpected character: was expecting double-quote to start field name"),
        ("{", "Unexpected character: was expecting double-quote to start field name"),
        ("[", "Unexpected end of input"),
        ("[1", "Unexpected end of input: expected close marker for ARRAY"),
        ("[1 2]", "Unexpected character: was expecting comma to separate ARRAY entries"),
        ("[1,]", "Unexpected character (']')"),
        ("[,1]", "Unexpected character (',')"),
        ("-", "Invalid numeric value"),
        ("-a", "Invalid numeric value"),
        ("1.", "Invalid numeric value"),
        ("1.e5", "Invalid numeric value"),
        ("1e", "Invalid numeric value"),
        ("1e+", "Invalid numeric value"),
        ("1E-x", "Invalid numeric value"),
        (".5", "Unexpected character ('.')"),
        ("+1", "Unexpected character ('+')"),
        ("1 2", "Unexpected character after the JSON value"),
        ("{} {}", "Unexpected character after the JSON value"),
        ("nullx", "Unexpected character after the JSON value"),
        ("\"abc", "Unexpected end of input in string"),
        ("\"a\\nbc", "Unexpected end of input in string"),
        ("\"abc\\", "Unexpected end of input in string"),
        ("\"a\u{01}b\"", "Illegal unquoted character: control characters must be escaped"),
        ("\"a\nb\"", "Illegal unquoted character: control characters must be escaped"),
        ("\"\\n\tb\"", "Illegal unquoted character: control characters must be escaped"),
        ("\"\\x\"", "Unrecognized character escape"),
        ("\"\\U0041\"", "Unrecognized character escape"),
        ("\"\\u12\"", "Unexpected end of input in unicode escape"),
        ("\"\\u12g4\"", "Illegal character in unicode escape"),
        ("\"\\ud800\"", "Unpaired surrogate in string"),
        ("\"\\ud800x\"", "Unpaired surrogate in string"),
        ("\"\\ud800\\u0041\"", "Unpaired surrogate in string"),
        ("\"\\ud800\\ud800\"", "Unpaired surrogate in string"),
        ("\"\\udc00\"", "Unpaired surrogate in string"),
        ("\"\\udfff\\ud800\"", "Unpaired surrogate in string"),
    ])
    func parseError(_ text: String, _ message: String) {
        #expect(jsonError(text) == message)
    }

    /// JSON forbids leading zeros (RFC 8259; Jackson, behind AWS's frontends, refuses them too).
    @Test(arguments: ["01", "-01", "00", "[007]", "{\"Limit\":010}"])
    func leadingZerosAreRefused(_ text: String) {
        #expect(jsonError(text) == "Invalid numeric value: Leading zeroes not allowed")
    }

    @Test(arguments: ["0", "-0", "0.5", "0e3", "10", "[0,0]"])
    func singleZeroIsFine(_ text: String) {
        #expect(jsonError(text) == nil)
    }

    /// Bad UTF-8 is refused, never replaced — in the fast path (no escapes) and after an escape.
    @Test(arguments: [
        [0xFF],                    // never valid
        [0xC0, 0x80],              // overlong NUL
        [0xE2, 0x82],              // truncated 3-byte sequence
        [0xED, 0xA0, 0x80],        // a surrogate encoded in UTF-8
        [0x80],                    // lone continuation byte
        [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
        [0x61, 0xC3],              // truncated at the end of the string
    ] as [[UInt8]])
    func invalidUTF8(_ bad: [UInt8]) {
        #expect(jsonError(bytes: [0x22] + bad + [0x22]) == "Invalid UTF-8 in string")
        #expect(jsonError(bytes: [0x22, 0x5C, 0x6E] + bad + [0x22]) == "Invalid UTF-8 in string")
        #expect(jsonError(bytes: [0x7B, 0x22] + bad + [0x22, 0x3A, 0x31, 0x7D]) == "Invalid UTF-8 in string")
    }

    @Test func errorOffsets() {
        do {
            _ = try JSONParser.parse("[1, x]")
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 4)
            #expect(error.message == "Unexpected character ('x')")
        }
        do {
            _ = try JSONParser.parse("{\"a\":1}  ,")
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 9)
        }
    }
}
