import TestSupport
import Testing
@testable import DynamoModel

struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                      ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func rfcVectors(_ plain: String, _ encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.encodeBytes(Array(plain.utf8)) == Array(encoded.utf8))
        #expect(Base64.decode(encoded).successValue == Array(plain.utf8))
    }

    @Test func everyByteValue() {
        let all = (0...255).map { UInt8($0) }
        let text = Base64.encode(all)
        #expect(text.hasPrefix("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g"))
        #expect(text.hasSuffix("8PHy8/T19vf4+fr7/P3+/w=="))
        #expect(Base64.decode(text).successValue == all)
    }

    @Test func randomRoundTrips() {
        var g = SeededGenerator(seed: 64)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &g) }
            let text = Base64.encode(bytes)
            #expect(text.count == (length + 2) / 3 * 4)
            #expect(Base64.decode(text).successValue == bytes)
        }
    }

    @Test(arguments: [
        ("abc", "Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
        ("Zg=", "Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
        ("Zg", "Base64 encoded length is expected a multiple of 4 bytes but found: 2"),
        ("Zm9vY", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
        ("Zm9v\n", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
        ("é===", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
        ("ab$d", "Invalid Base64 character: '$'"),
        ("Zm9v Zm9", "Invalid Base64 character: ' '"),
        ("Zm-_", "Invalid Base64 character: '-'"),
        ("a===", "Invalid Base64 character: '='"),
        ("====", "Invalid Base64 character: '='"),
        ("ab=c", "Invalid Base64 character: '='"),
        ("Zg==Zg==", "Invalid Base64 character: '='"),
        ("Zm8=Zm9v", "Invalid Base64 character: '='"),
        ("Zh==", "Invalid last non-pad Base64 character dectected"),
        ("Zm9=", "Invalid last non-pad Base64 character dectected"),
        ("AB==", "Invalid last non-pad Base64 character dectected"),
    ])
    func decodeErrors(_ text: String, _ reason: String) {
        #expect(Base64.decode(text).failureValue?.reason == reason)
    }

    @Test func canonicalPaddingBitsDecode() {
        #expect(Base64.decode("AA==").successValue == [0])
        #expect(Base64.decode("AQ==").successValue == [1])
        #expect(Base64.decode("AAA=").successValue == [0, 0])
        #expect(Base64.decode("//8=").successValue == [0xFF, 0xFF])
    }
}
