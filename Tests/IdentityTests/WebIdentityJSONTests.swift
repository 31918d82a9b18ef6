import Testing
@testable import Identity
import WardenSupport

@Suite("Web identity token JSON")
struct WebIdentityJSONTests {
    let signer = WebIdentityTokenSigner.ephemeral()!

    @Test("header and payload: compact, members in key order, slashes as they are")
    func payloadText() throws {
        let token = signer.issue(provider: "cognito-identity.amazonaws.com", subject: "us-east-1:abc", audience: "pool/1", now: 1000.7,
                                 lifetime: 60, extraClaims: ["amr": ["authenticated"], "groups": ["a", "b"], "sub": ["ignored"]])
        let parts = token.split(separator: ".")
        let header = String(decoding: try #require(Base64URL.decode(parts[0])), as: UTF8.self)
        #expect(header == #"{"alg":"RS256","kid":"\#(signer.keyId)","typ":"JWT"}"#)
        let payload = String(decoding: try #require(Base64URL.decode(parts[1])), as: UTF8.self)
        #expect(payload == #"{"amr":"authenticated","aud":"pool/1","exp":1060,"groups":["a","b"],"iat":1000,"iss":"https://cognito-identity.amazonaws.com","nbf":1000,"sub":"us-east-1:abc"}"#)
    }

    @Test("claims: numbers as integers' text, booleans as 1 and 0, lists of scalars")
    func claimValues() throws {
        #expect(WebIdentityTokenSigner.claimText(.number("1060")) == "1060")
        #expect(WebIdentityTokenSigner.claimText(.number("1.5e3")) == "1500")
        #expect(WebIdentityTokenSigner.claimText(.number("2.25")) == "2.25")
        #expect(WebIdentityTokenSigner.claimText(.bool(true)) == "1")
        #expect(WebIdentityTokenSigner.claimText(.bool(false)) == "0")
        #expect(WebIdentityTokenSigner.claimText(.null) == nil)
        #expect(WebIdentityTokenSigner.claimNumber(.number("1060.5")) == 1060.5)
        #expect(WebIdentityTokenSigner.claimNumber(.string("1060")) == 0)
        #expect(WebIdentityTokenSigner.claimNumber(nil) == 0)
    }

    @Test("a payload that is not an object, or a header that is not, is malformed")
    func notObjects() {
        let list = Base64URL.encode(Array("[1]".utf8))
        let object = Base64URL.encode(Array(#"{"alg":"RS256"}"#.utf8))
        #expect(signer.verify("\(object).\(list).AAAA", now: 0) == .failure(.malformed))
        #expect(signer.verify("\(list).\(object).AAAA", now: 0) == .failure(.malformed))
        let none = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8))
        #expect(signer.verify("\(none).\(object).AAAA", now: 0) == .failure(.malformed))
    }

    @Test("base64url: no padding, - and _ for + and /; padding in the text is refused")
    func base64url() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        #expect(Base64URL.decode("-_8=") == nil)
        #expect(Base64URL.decode("!!") == nil)
    }
}
