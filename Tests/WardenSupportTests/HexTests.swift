import Testing
import WardenSupport

@Suite("Hex")
struct HexTests {
    @Test func encodesLowerCase() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.bytes([0xab]) == Array("ab".utf8))
        var out = Array("x".utf8)
        Hex.append([0x12, 0x34], to: &out)
        #expect(out == Array("x1234".utf8))
        #expect(Hex.digit(0x1c) == UInt8(ascii: "c"))
    }

    @Test func decodesEitherCase() {
        #expect(Hex.decode("000FA0ff") == [0x00, 0x0f, 0xa0, 0xff])
        #expect(Hex.decode("") == [])
    }

    @Test func refusesWhatIsNotHex() {
        #expect(Hex.decode("abc") == nil)  // odd length
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.value(UInt8(ascii: "G")) == nil)
        #expect(Hex.value(UInt8(ascii: "F")) == 15)
    }

    @Test func roundTripsEveryByte() {
        let all = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(all)) == all)
    }
}
