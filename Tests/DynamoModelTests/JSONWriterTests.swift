import TestSupport
import Testing
@testable import DynamoModel

struct JSONWriterTests {
    @Test func compactOutput() {
        let v: JSONValue = .object([("a", .array([.number("1"), .bool(true), .null])), ("b", .object([])), ("c", .string("x"))])
        #expect(JSONWriter.string(v) == #"{"a":[1,true,null],"b":{},"c":"x"}"#)
        #expect(JSONWriter.string(.array([])) == "[]")
        #expect(JSONWriter.string(.bool(false)) == "false")
        #expect(JSONWriter.string(.number("-1.50")) == "-1.50")
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("q\"b\\s", #""q\"b\\s""#),
        ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("/", #""/""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("é日😀", "\"é日😀\""),
    ])
    func stringEscaping(_ s: String, _ expected: String) {
        #expect(JSONWriter.string(.string(s)) == expected)
        #expect(JSONWriter.string(.object([(s, .null)])) == "{\(expected):null}")
    }

    @Test func rawAppends() {
        var w = JSONWriter()
        w.raw("{\"x\":")
        w.raw(bytes: Array("[1]".utf8))
        w.raw("}")
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"x":[1]}"#)
    }

    /// Random documents, including every control character and non-BMP scalars, survive a
    /// write → parse round trip unchanged.
    @Test func randomRoundTrips() throws {
        var g = SeededGenerator(seed: 7)
        func randomString() -> String {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &g) {
                let pick = Int.random(in: 0..<6, using: &g)
                let scalar: UInt32
                switch pick {
                case 0: scalar = UInt32.random(in: 0...0x1F, using: &g)
                case 1: scalar = [0x22, 0x5C, 0x2F, 0x7F][Int.random(in: 0..<4, using: &g)]
                case 2: scalar = UInt32.random(in: 0x20...0x7E, using: &g)
                case 3: scalar = UInt32.random(in: 0x80...0xD7FF, using: &g)
                case 4: scalar = UInt32.random(in: 0xE000...0xFFFF, using: &g)
                default: scalar = UInt32.random(in: 0x10000...0x10FFFF, using: &g)
                }
                s.append(Unicode.Scalar(scalar)!)
            }
            return String(s)
        }
        func randomValue(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &g) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &g))
            case 2: return .number(String(Int.random(in: -1_000_000...1_000_000, using: &g)))
            case 3: return .string(randomString())
            case 4: return .array((0..<Int.random(in: 0...4, using: &g)).map { _ in randomValue(depth + 1) })
            default: return .object((0..<Int.random(in: 0...4, using: &g)).map { _ in (randomString(), randomValue(depth + 1)) })
            }
        }
        for _ in 0..<500 {
            let v = randomValue(0)
            let bytes = JSONWriter.encode(v)
            #expect(try JSONParser.parse(bytes) == v)
            // Writer output never contains raw control characters.
            #expect(!bytes.contains { $0 < 0x20 })
        }
    }
}

struct JSONValueTests {
    @Test func accessors() {
        let v: JSONValue = ["s": "x", "b": true, "n": 5, "l": [1, 2], "z": nil]
        #expect(v["s"]?.stringValue == "x")
        #expect(v["b"]?.boolValue == true)
        #expect(v["n"] == .number("5"))
        #expect(v["l"]?.arrayValue == [.number("1"), .number("2")])
        #expect(v["z"]?.isNull == true)
        #expect(v["s"]?.boolValue == nil)
        #expect(JSONValue.string("x")["key"] == nil)
    }

    @Test(arguments: [
        (JSONValue.null, "null"), (.bool(true), "boolean"), (.number("1"), "number"), (.string(""), "string"),
        (.array([]), "list"), (.object([]), "structure"),
    ])
    func kindNames(_ v: JSONValue, _ name: String) {
        #expect(v.kindName == name)
    }

    @Test(arguments: [
        (1_700_000_000.123, "1700000000.123"),
        (1_700_000_000.0, "1700000000"),
        (1.5, "1.5"),
        (1.05, "1.05"),
        (2.001, "2.001"),
        (0.0, "0"),
        (1.0004, "1"),
        (1.0006, "1.001"),
    ])
    func timestamps(_ seconds: Double, _ text: String) {
        #expect(JSONValue.timestamp(seconds) == .number(text))
    }

    @Test func integerHelpers() {
        #expect(JSONValue.int(-3) == .number("-3"))
        #expect(JSONValue.int64(Int64.max) == .number("9223372036854775807"))
    }
}
