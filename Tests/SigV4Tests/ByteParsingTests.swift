import Testing
@testable import SigV4

/// The byte-level parsers of the Authorization header, credential and header values, against
/// what the character-level rules say they must produce.
@Suite("Byte parsing")
struct ByteParsingTests {
    /// The canonical value by the rule itself: trim, collapse every whitespace run to one space.
    static func slowCanonical(_ value: String) -> String {
        value.split(whereSeparator: { $0.isASCII && isHeaderWhitespace($0.asciiValue!) }).joined(separator: " ")
    }

    @Test("canonical header values: the one-copy path and the collapsing path agree with the rule",
          arguments: ["", " ", "a", " a", "a ", "a b", "a  b", "a\tb", "a \tb", "application/x-amz-json-1.0",
                      "  lead", "trail\t", "x\r\ny", "é b", "é  b", "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=x"])
    func canonicalValues(_ value: String) {
        var out: [UInt8] = []
        appendCanonicalHeaderValue(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == Self.slowCanonical(value))
    }

    @Test("Authorization header: fields, separators, repeated keys, multibyte text")
    func authorization() throws {
        let header: Substring = "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/dynamodb/aws4_request,SignedHeaders=host;x-amz-date, Signature=abc, Credential=é/x"
        let parsed = try AuthorizationHeader.parse(header).get()
        #expect(parsed.algorithm == "AWS4-HMAC-SHA256")
        #expect(parsed.credential == "é/x")  // the last repeat wins
        #expect(parsed.signedHeaders == "host;x-amz-date")
        #expect(parsed.signature == "abc")
        // A slice of a larger string (offsets are relative to the slice).
        let whole = "xxAWS4-HMAC-SHA256,Signature=s\tSignedHeaders="
        let slice = whole[whole.index(whole.startIndex, offsetBy: 2)...]
        let fromSlice = try AuthorizationHeader.parse(slice).get()
        #expect(fromSlice.algorithm == "AWS4-HMAC-SHA256")
        #expect(fromSlice.signature == "s")
        #expect(fromSlice.signedHeaders == "")
        #expect(fromSlice.credential == nil)
        guard case .failure(let error) = AuthorizationHeader.parse("AWS4-HMAC-SHA256 Credential=a, bad") else {
            Issue.record("a piece without '=' must be refused")
            return
        }
        #expect(error.code == SigV4Error.incompleteSignatureCode)
        #expect(error.message == "'bad' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=a, bad'.")
    }

    @Test("split keeping empty pieces, and the credential's five parts")
    func splitting() throws {
        #expect(Substring("a;;b;").splitKeepingEmpty(UInt8(ascii: ";")) == ["a", "", "b", ""])
        #expect(Substring("").splitKeepingEmpty(UInt8(ascii: ";")) == [""])
        let credential = try Credential.parse("K/20150830/eu-west-1/dynamodb/aws4_request/").get()
        #expect([credential.accessKeyId, credential.date, credential.region, credential.service, credential.terminator]
            == ["K", "20150830", "eu-west-1", "dynamodb", "aws4_request"])
        var scope: [UInt8] = []
        credential.appendScope(to: &scope)
        #expect(String(decoding: scope, as: UTF8.self) == "20150830/eu-west-1/dynamodb/aws4_request")
        #expect(asciiLowercased("X-Amz-Date") == "x-amz-date")
        #expect(asciiLowercased("host") == "host")
    }
}
