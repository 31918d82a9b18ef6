import TestSupport
import Testing
@testable import DynamoModel

struct AttributeValueDecodeTests {
    @Test func allTenTypes() throws {
        #expect(decodeValue(#"{"S":"héllo"}"#).successValue == .s("héllo"))
        #expect(decodeValue(#"{"S":""}"#).successValue == .s(""))
        #expect(decodeValue(#"{"N":"-12.50"}"#).successValue == .n(num("-12.5")))
        #expect(decodeValue(#"{"B":"AAH/"}"#).successValue == .b([0x00, 0x01, 0xFF]))
        #expect(decodeValue(#"{"B":""}"#).successValue == .b([]))
        #expect(decodeValue(#"{"SS":["a","b"]}"#).successValue == .ss(["a", "b"]))
        #expect(decodeValue(#"{"NS":["1","2.5"]}"#).successValue == .ns([num("1"), num("2.5")]))
        #expect(decodeValue(#"{"BS":["eA==","eQ=="]}"#).successValue == .bs([[0x78], [0x79]]))
        #expect(decodeValue(#"{"M":{"k":{"S":"v"},"e":{"M":{}}}}"#).successValue == .m(["k": .s("v"), "e": .m([:])]))
        #expect(decodeValue(#"{"L":[{"NULL":true},{"BOOL":false},{"L":[]}]}"#).successValue == .l([.null, .bool(false), .l([])]))
        #expect(decodeValue(#"{"NULL":true}"#).successValue == .null)
        #expect(decodeValue(#"{"BOOL":true}"#).successValue == .bool(true))
    }

    @Test func typeTags() throws {
        let cases: [(String, String)] = [
            (#"{"S":"x"}"#, "S"), (#"{"N":"1"}"#, "N"), (#"{"B":"eA=="}"#, "B"), (#"{"SS":["x"]}"#, "SS"),
            (#"{"NS":["1"]}"#, "NS"), (#"{"BS":["eA=="]}"#, "BS"), (#"{"M":{}}"#, "M"), (#"{"L":[]}"#, "L"),
            (#"{"NULL":true}"#, "NULL"), (#"{"BOOL":false}"#, "BOOL"),
        ]
        for (json, tag) in cases {
            let v = try #require(decodeValue(json).successValue)
            #expect(v.typeTag == tag)
            #expect(v.isSet == ["SS", "NS", "BS"].contains(tag))
        }
    }

    /// Unknown members are ignored and null members count as absent, as AWS's deserializer does.
    @Test func unknownAndNullMembers() {
        #expect(decodeValue(#"{"S":"x","Extra":1}"#).successValue == .s("x"))
        #expect(decodeValue(#"{"S":null,"N":"1"}"#).successValue == .n(num("1")))
        #expect(decodeValue(#"{"s":"lowercase tag"}"#).failureValue?.message
            == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
    }

    @Test(arguments: [
        (#"{}"#, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        (#"{"S":null}"#, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        (#"{"Foo":"x"}"#, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        (#"{"S":"a","N":"1"}"#, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
        (#"{"NULL":true,"BOOL":true}"#, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
        (#"{"NULL":false}"#, "One or more parameter values were invalid: Null attribute value types must have the value of true"),
        (#"{"SS":[]}"#, "One or more parameter values were invalid: An string set  may not be empty"),
        (#"{"NS":[]}"#, "One or more parameter values were invalid: An number set  may not be empty"),
        (#"{"BS":[]}"#, "One or more parameter values were invalid: Binary sets should not be empty"),
        (#"{"SS":["a","a"]}"#, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
        (#"{"SS":["b","a","b"]}"#, "One or more parameter values were invalid: Input collection [b, a, b] contains duplicates."),
        (#"{"NS":["1","1.0"]}"#, "Input collection contains duplicates"),
        (#"{"NS":["1","2","+1e0"]}"#, "Input collection contains duplicates"),
        (#"{"BS":["YQ==","YQ=="]}"#, "One or more parameter values were invalid: Input collection [YQ==, YQ==]of type BS contains duplicates."),
        (#"{"N":"dog"}"#, "The parameter cannot be converted to a numeric value: dog"),
        (#"{"N":""}"#, "The parameter cannot be converted to a numeric value"),
        (#"{"N":"1e126"}"#, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
        (#"{"NS":["1","x"]}"#, "The parameter cannot be converted to a numeric value: x"),
        (#"{"NS":["1e-131"]}"#, "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
        (#"{"L":[{"N":"1"},{}]}"#, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        (#"{"M":{"a":{"SS":[]}}}"#, "One or more parameter values were invalid: An string set  may not be empty"),
    ])
    func validationMessages(_ json: String, _ message: String) {
        let error = decodeValue(json).failureValue
        #expect(error?.message == message)
        #expect(error?.code == "ValidationException")
        #expect(error?.typeName == "com.amazon.coral.validate#ValidationException")
    }

    @Test(arguments: [
        (#"{"S":5}"#, "class java.lang.Short can not be converted to an String"),
        (#"{"S":-40000}"#, "class java.lang.Integer can not be converted to an String"),
        (#"{"S":3000000000}"#, "class java.lang.Long can not be converted to an String"),
        (#"{"S":99999999999999999999}"#, "class java.math.BigInteger can not be converted to an String"),
        (#"{"S":1.5}"#, "class java.lang.Double can not be converted to an String"),
        (#"{"S":1e3}"#, "class java.lang.Double can not be converted to an String"),
        (#"{"S":true}"#, "class java.lang.Boolean can not be converted to an String"),
        (#"{"S":[]}"#, "Start of list found where not expected"),
        (#"{"S":{}}"#, "Start of structure or map found where not expected."),
        (#"{"N":1}"#, "class java.lang.Short can not be converted to an String"),
        (#"{"B":7}"#, "class java.lang.Short can not be converted to an String"),
        (#"{"BOOL":"true"}"#, "'TRUE' can not be converted to an Boolean"),
        (#"{"BOOL":"yes"}"#, "'YES' can not be converted to an Boolean"),
        (#"{"BOOL":1}"#, "class java.lang.Short can not be converted to an Boolean"),
        (#"{"BOOL":[]}"#, "Start of list found where not expected"),
        (#"{"NULL":{}}"#, "Start of structure or map found where not expected."),
        (#"{"SS":"a"}"#, "Expected list or null"),
        (#"{"SS":{}}"#, "Start of structure or map found where not expected."),
        (#"{"SS":[1]}"#, "class java.lang.Short can not be converted to an String"),
        (#"{"NS":[null]}"#, "Unexpected null"),
        (#"{"L":{}}"#, "Start of structure or map found where not expected."),
        (#"{"L":"x"}"#, "Expected list or null"),
        (#"{"M":[]}"#, "Start of list found where not expected"),
        (#"{"M":"x"}"#, "Expected map or null"),
        (#"{"L":["x"]}"#, "Expected structure or null"),
        (#"{"L":[[]]}"#, "Start of list found where not expected"),
        (#"{"B":"abc"}"#, "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
        (#"{"B":"ab$d"}"#, "'ab$d' can not be converted to a Blob: Invalid Base64 character: '$'"),
        (#"{"BS":["eA==","Zh=="]}"#, "'Zh==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"),
    ])
    func serializationMessages(_ json: String, _ message: String) {
        let error = decodeValue(json).failureValue
        #expect(error?.message == message)
        #expect(error?.code == "SerializationException")
        #expect(error?.typeName == "com.amazon.coral.service#SerializationException")
        #expect(error?.body == .object([("__type", "com.amazon.coral.service#SerializationException"), ("Message", .string(message))]))
    }

    @Test func topLevelShapes() throws {
        #expect(decodeValue(#""x""#).failureValue?.message == "Expected structure or null")
        #expect(decodeValue("[]").failureValue?.message == "Start of list found where not expected")
        #expect(decodeItem("[]").failureValue?.message == "Start of list found where not expected")
        #expect(decodeItem("5").failureValue?.message == "Expected map or null")
        #expect(decodeItem(#"{"a":"x"}"#).failureValue?.message == "Expected structure or null")
        #expect(decodeItem("{}").successValue?.isEmpty == true)
        #expect(decodeItem(#"{"a":{"S":"1"},"a":{"N":"2"}}"#).successValue == ["a": .n(num("2"))])
    }

    /// 32 levels (the top-level value counting as the first) are allowed; a 33rd is refused.
    @Test func nestingLimit() {
        func nested(_ levels: Int, list: Bool) -> String {
            var s = #"{"S":"leaf"}"#
            for _ in 1..<levels { s = list ? #"{"L":[\#(s)]}"# : #"{"M":{"k":\#(s)}}"# }
            return s
        }
        let message = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
        for list in [true, false] {
            #expect(decodeValue(nested(32, list: list)).successValue != nil)
            #expect(decodeValue(nested(33, list: list)).failureValue?.message == message)
            #expect(decodeItem(#"{"a":\#(nested(32, list: list))}"#).successValue != nil)
            #expect(decodeItem(#"{"a":\#(nested(33, list: list))}"#).failureValue?.message == message)
        }
        #expect(decodeValue(nested(33, list: true)).failureValue?.code == "ValidationException")
    }

    /// Attribute names are at most 65,535 UTF-8 bytes, at the top level and inside maps.
    @Test func attributeNameLimit() {
        let ok = String(repeating: "é", count: 32767) + "a"  // 65,535 bytes in 32,768 characters
        let over = ok + "a"
        let message = "1 validation error detected: Attribute name is too large, must be less than 65536 bytes"
        #expect(decodeItem(#"{"\#(ok)":{"S":"v"}}"#).successValue != nil)
        #expect(decodeItem(#"{"\#(over)":{"S":"v"}}"#).failureValue?.message == message)
        #expect(decodeValue(#"{"M":{"\#(ok)":{"N":"1"}}}"#).successValue != nil)
        #expect(decodeValue(#"{"L":[{"M":{"\#(over)":{"N":"1"}}}]}"#).failureValue?.message == message)
    }
}

struct AttributeValueEncodeTests {
    @Test(arguments: [
        (AttributeValue.s("a\"b"), #"{"S":"a\"b"}"#),
        (.n(num("-0012.500")), #"{"N":"-12.5"}"#),
        (.n(num("1e3")), #"{"N":"1000"}"#),
        (.b([0, 1, 255]), #"{"B":"AAH/"}"#),
        (.b([]), #"{"B":""}"#),
        (.ss(["x", "y"]), #"{"SS":["x","y"]}"#),
        (.ns([num("1.50"), num("2")]), #"{"NS":["1.5","2"]}"#),
        (.bs([[1], [2, 3]]), #"{"BS":["AQ==","AgM="]}"#),
        (.m(["b": .null, "a": .bool(true)]), #"{"M":{"a":{"BOOL":true},"b":{"NULL":true}}}"#),
        (.l([.s("x"), .l([])]), #"{"L":[{"S":"x"},{"L":[]}]}"#),
        (.null, #"{"NULL":true}"#),
        (.bool(false), #"{"BOOL":false}"#),
    ])
    func wireText(_ value: AttributeValue, _ text: String) {
        var w = JSONWriter()
        AttributeValueCodec.encode(value, into: &w)
        #expect(String(decoding: w.bytes, as: UTF8.self) == text)
        #expect(AttributeValueCodec.json(value) == (try? JSONParser.parse(text)))
    }

    @Test func itemsEncodeWithSortedNames() {
        let item: Item = ["zeta": .s("z"), "Alpha": .n(num("1")), "beta": .null, "é": .bool(true)]
        #expect(String(decoding: AttributeValueCodec.encodeItem(item), as: UTF8.self)
            == #"{"Alpha":{"N":"1"},"beta":{"NULL":true},"zeta":{"S":"z"},"é":{"BOOL":true}}"#)
        #expect(AttributeValueCodec.encodeItem([:]) == Array("{}".utf8))
    }

    /// Random values of every type survive encode → parse → decode.
    @Test func randomRoundTrips() throws {
        var g = SeededGenerator(seed: 2024)
        func randomString() -> String {
            String((0..<Int.random(in: 0...6, using: &g)).map { _ in
                Character(Unicode.Scalar([0x41, 0x22, 0x0A, 0xE9, 0x65E5, 0x1F600].randomElement(using: &g)!)!)
            })
        }
        func randomNumber() -> DynamoNumber {
            num(RefDecimal.random(scales: -40...40, using: &g).text)
        }
        func randomBytes() -> [UInt8] { (0..<Int.random(in: 0...9, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) } }
        func randomValue(_ depth: Int) -> AttributeValue {
            switch Int.random(in: 0..<(depth > 3 ? 8 : 10), using: &g) {
            case 0: return .s(randomString())
            case 1: return .n(randomNumber())
            case 2: return .b(randomBytes())
            case 3: return .ss(Array(Set((0..<Int.random(in: 1...4, using: &g)).map { _ in randomString() })))
            case 4: return .ns(Array(Set((0..<Int.random(in: 1...4, using: &g)).map { _ in randomNumber() })))
            case 5: return .bs(Array(Set((0..<Int.random(in: 1...4, using: &g)).map { _ in randomBytes() })))
            case 6: return .null
            case 7: return .bool(Bool.random(using: &g))
            case 8: return .l((0..<Int.random(in: 0...3, using: &g)).map { _ in randomValue(depth + 1) })
            default:
                var m: [AttributeName: AttributeValue] = [:]
                for _ in 0..<Int.random(in: 0...3, using: &g) { m[randomString()] = randomValue(depth + 1) }
                return .m(m)
            }
        }
        for _ in 0..<400 {
            var item: Item = [:]
            for _ in 0..<Int.random(in: 0...5, using: &g) { item[randomString()] = randomValue(0) }
            let bytes = AttributeValueCodec.encodeItem(item)
            let back = try AttributeValueCodec.decodeItem(JSONParser.parse(bytes))
            #expect(back == item)
            // Encoding is canonical: equal items encode to equal bytes.
            #expect(AttributeValueCodec.encodeItem(back) == bytes)
            #expect(AttributeValueCodec.json(item: item) == (try JSONParser.parse(bytes)))
        }
    }
}

struct AttributeValueEqualityTests {
    @Test func setsCompareAsSets() {
        #expect(AttributeValue.ss(["a", "b"]) == .ss(["b", "a"]))
        #expect(AttributeValue.ss(["a", "b"]) != .ss(["a"]))
        #expect(AttributeValue.ns([num("1"), num("2")]) == .ns([num("2.0"), num("1")]))
        #expect(AttributeValue.bs([[1], [2]]) == .bs([[2], [1]]))
        #expect(AttributeValue.ss(["1"]) != .ns([num("1")]))
    }

    @Test func listsCompareInOrder() {
        #expect(AttributeValue.l([.s("a"), .s("b")]) != .l([.s("b"), .s("a")]))
        #expect(AttributeValue.m(["a": .n(num("1"))]) == .m(["a": .n(num("1.0"))]))
        #expect(AttributeValue.s("1") != .n(num("1")))
        #expect(AttributeValue.b([]) != .s(""))
    }
}
