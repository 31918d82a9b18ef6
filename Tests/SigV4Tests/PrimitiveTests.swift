import Testing
import WardenSupport
@testable import SigV4

@Suite("Primitives")
struct PrimitiveTests {
    @Test("SHA-256 (FIPS 180-2 examples)")
    func sha() {
        #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex(Array(repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("HMAC-SHA256 (RFC 4231 test cases 1, 2 and 6)")
    func hmac() {
        #expect(Hex.encode(hmacSHA256(key: Array(repeating: 0x0b, count: 20), data: Array("Hi There".utf8)))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Hex.encode(hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Hex.encode(hmacSHA256(key: Array(repeating: 0xaa, count: 131),
                                     data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        // Empty key and data are allowed.
        #expect(Hex.encode(hmacSHA256(key: [], data: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("signing key (the IAM User Guide's example)")
    func signingKeyExample() {
        #expect(Hex.encode(signingKey(secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                     date: "20120215", region: "us-east-1", service: "iam"))
            == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test("constant-time comparison")
    func compare() {
        #expect(constantTimeEquals([], []))
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
    }

    @Test("amz dates round-trip", arguments: [
        (0.0, "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (951_782_400, "20000229T000000Z"),
        (4_102_444_799, "20991231T235959Z"), (1_795_312_800, "20261122T020000Z"), (-1, "19691231T235959Z"),
    ])
    func dates(seconds: Double, text: String) {
        #expect(amzDate(fromEpoch: seconds) == text)
        #expect(amzDate(fromEpoch: seconds + 0.999) == text)
        #expect(epoch(fromAmzDate: text) == seconds)
    }

    @Test("times outside the format's range are clamped, not trapped on")
    func clamped() {
        #expect(amzDate(fromEpoch: .nan) == "19700101T000000Z")
        #expect(amzDate(fromEpoch: .infinity) == "99991231T235959Z")
        #expect(amzDate(fromEpoch: -.infinity) == "00010101T000000Z")
        #expect(amzDate(fromEpoch: 1e300) == "99991231T235959Z")
    }

    @Test("malformed amz dates", arguments: ["", "20150830T123600", "20150830 123600Z", "2015083OT123600Z",
                                             "20151330T123600Z", "20150230T123600Z", "20150830T243600Z",
                                             "20150830T126000Z", "20150830T123660Z", "20150830T123600z",
                                             "+0150830T123600Z", "2015-08-30T12:36:00Z"])
    func badDates(text: String) {
        #expect(epoch(fromAmzDate: text) == nil)
    }

    @Test("HTTP dates")
    func httpDates() {
        #expect(epoch(fromHTTPDate: "Sun, 30 Aug 2015 12:36:00 GMT") == 1_440_938_160)
        #expect(epoch(fromHTTPDate: "Sun, 30 Aug 2015 12:36:00 UTC") == nil)
        #expect(epoch(fromHTTPDate: "Sun, 31 Feb 2015 12:36:00 GMT") == nil)
        #expect(epoch(fromHTTPDate: "Sunday, 30-Aug-15 12:36:00 GMT") == nil)
    }

    @Test("canonical URI", arguments: [
        ("", true, "/"), ("/", true, "/"), ("//", true, "/"), ("/./", true, "/"), ("/a/b/../c", true, "/a/c"),
        ("/a/b/..", true, "/a"), ("/a/", true, "/a/"), ("//a//b//", true, "/a/b/"), ("/../..", true, "/"),
        ("/a b", true, "/a%20b"), ("/%41", true, "/%2541"), ("/a+b:c", true, "/a%2Bb%3Ac"),
        ("/ሴ", true, "/%E1%88%B4"), ("//a/./b", false, "//a/./b"), ("/%41", false, "/%2541"),
    ])
    func canonicalURI(path: String, normalize: Bool, expected: String) {
        #expect(String(decoding: canonicalURIBytes(rawPath: path, normalize: normalize), as: UTF8.self) == expected)
    }

    @Test("canonical query", arguments: [
        ("", ""), ("b=2&a=1", "a=1&b=2"), ("a=2&a=1", "a=1&a=2"), ("a", "a="), ("a=", "a="), ("&&a=1&", "a=1"),
        ("k=a%20b", "k=a%20b"), ("k=a+b", "k=a%2Bb"), ("k=%7e%2a", "k=~%2A"), ("k=%zz", "k=%25zz"),
        ("k=a=b", "k=a%3Db"), ("B=1&a=1", "B=1&a=1"), ("%E1%88%B4=1&Z=2", "%E1%88%B4=1&Z=2"),
    ])
    func canonicalQuery(raw: String, expected: String) {
        #expect(String(decoding: canonicalQueryBytes(parseQuery(raw)), as: UTF8.self) == expected)
    }

    @Test("header values are trimmed and runs of white space collapsed")
    func headerValues() {
        let headers: [(name: String, value: String)] = [
            ("Host", " example.com "), ("X-A", "  a   b\t\tc  "), ("x-a", "d"), ("X-Empty", ""),
        ]
        #expect(canonicalRequest(method: "GET", rawPath: "/", rawQuery: "", headers: headers,
                                 signedHeaders: ["host", "x-a", "x-empty"], payloadHash: "h")
            == "GET\n/\n\nhost:example.com\nx-a:a b c,d\nx-empty:\n\nhost;x-a;x-empty\nh")
    }
}
