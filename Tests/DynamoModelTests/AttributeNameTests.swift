import Testing
@testable import DynamoModel

@Suite struct AttributeNameTests {
    let nfc = "Sal\u{E1}rio", nfd = "Sala\u{301}rio"

    @Test func namesCompareAndHashAsBytes() {
        #expect(nfc == nfd)  // what Swift's String would say
        #expect(AttributeName(nfc) != AttributeName(nfd))
        #expect(Set([AttributeName(nfc), AttributeName(nfd)]).count == 2)
        #expect(AttributeName("b") > AttributeName("a") && AttributeName("Z") < AttributeName("a"))  // byte order
    }

    @Test func itemsKeepBothSpellingsThroughTheCodec() throws {
        let item = try AttributeValueCodec.decodeItem(JSONParser.parse(#"{"\#(nfc)":{"N":"1"},"\#(nfd)":{"M":{"\#(nfc)":{"S":"x"},"\#(nfd)":{"S":"y"}}}}"#))
        #expect(item.count == 2)
        #expect(item[nfc] == .n(try DynamoNumber.parse("1").get()))
        guard case .m(let inner)? = item[nfd] else { Issue.record("no map"); return }
        #expect(inner.count == 2 && inner[nfd] == .s("y"))
        let again = try AttributeValueCodec.decodeItem(JSONParser.parse(AttributeValueCodec.encodeItem(item)))
        #expect(again == item)
    }

    @Test func stringValuesAndSetsCompareAsBytes() throws {
        #expect(AttributeValue.s(nfc) != AttributeValue.s(nfd))
        #expect(try AttributeValueCodec.decode(JSONParser.parse(#"{"SS":["\#(nfc)","\#(nfd)"]}"#)) == .ss([nfc, nfd]))
    }
}
