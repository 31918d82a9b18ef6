import Identity
import Testing
@testable import IdentityOperations
import WardenSupport

@Suite("Query protocol: validation texts, form decoding, XML escaping")
struct QueryProtocolTests {
    @Test("validation errors as IAM words them")
    func validation() {
        var v = Validator()
        v.name("bad name", "userName")
        #expect(throws: IdentityError.validation(#"1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"#)) {
            try v.check()
        }
        var two = Validator()
        two.required(nil, "roleArn")
        two.string("a", "roleSessionName", min: 2, max: 64, pattern: .sessionName)
        #expect(throws: IdentityError.validation("2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2")) {
            try two.check()
        }
        var n = Validator()
        n.integer(100, "durationSeconds", min: 900, max: 43200)
        #expect(throws: IdentityError.validation("1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")) {
            try n.check()
        }
    }

    @Test("patterns", arguments: [
        (Validator.Pattern.name, "alice+a=b,c.d@e-f_9", true), (.name, "a b", false), (.name, "", false),
        (.path, "/", true), (.path, "/a/b/", true), (.path, "/a", false), (.path, "a/", false),
        (.tagKey, "team:é 1", true), (.tagKey, "a*b", false), (.tagValue, "", true),
        (.policyVersionId, "v12", true), (.policyVersionId, "v0", false), (.policyVersionId, "x1", false),
        (.sessionName, "s", true), (.sessionName, "a/b", false),
    ])
    func patterns(pattern: Validator.Pattern, value: String, matches: Bool) {
        #expect(pattern.matches(value) == matches)
    }

    @Test("form decoding: + is a space, %XX a byte, lists by member index")
    func forms() {
        let params = QueryParameters(body: Array("Action=TagUser&UserName=a%2Bb&Tags.member.1.Key=k+1&Tags.member.1.Value=%E2%9C%93&TagKeys.member.1=x&TagKeys.member.2=y".utf8), query: "")
        #expect(params["Action"] == "TagUser")
        #expect(params["UserName"] == "a+b")
        #expect(params.tags() == [Tag(key: "k 1", value: "✓")])
        #expect(params.list("TagKeys") == ["x", "y"])
        #expect(params.list("Missing") == nil)
        #expect(QueryParameters(body: Array("TagKeys=".utf8), query: "").list("TagKeys") == [])
    }

    @Test("form decoding: odd escapes are kept as sent, empty pairs skipped, the first value wins")
    func oddForms() {
        let params = QueryParameters(body: Array("a=%&b=%4&c=%zz&&d&=e&a=second&f=%41%2b+".utf8), query: "g=1")
        #expect(params["a"] == "%")
        #expect(params["b"] == "%4")
        #expect(params["c"] == "%zz")
        #expect(params["d"] == "")
        #expect(params[""] == "e")
        #expect(params["f"] == "A+ ")
        #expect(params["g"] == "1")
        #expect(params.values.count == 7)
        #expect(QueryParameters(body: Array("x=%FF%FE".utf8), query: "")["x"] == "\u{FFFD}\u{FFFD}")
    }

    @Test("form decoding is bounded: more than 10,000 pairs are refused")
    func boundedForms() throws {
        let many = Array(String(repeating: "a=&", count: QueryParameters.maxParameters + 1).utf8)
        #expect(throws: IdentityError.self) { try QueryParameters.decode(body: many, query: "") }
        let enough = Array(String(repeating: "a=&", count: QueryParameters.maxParameters).utf8)
        #expect(try QueryParameters.decode(body: enough, query: "")["a"] == "")
    }

    @Test("the action is found without decoding the rest of the form")
    func routingScan() {
        let body = Array(("Junk=" + String(repeating: "%41", count: 1000) + "&Act%69on=GetUser&" + String(repeating: "x", count: 100) + "=1&Version=v").utf8)
        #expect(QueryParameters.firstValues(["Action", "Version"], body: body, query: "") == ["Action": "GetUser", "Version": "v"])
        #expect(QueryParameters.firstValues(["Action"], body: Array("Action".utf8), query: "Action=Q") == ["Action": "Q"])
        #expect(QueryParameters.firstValues(["Action"], body: Array("Action".utf8), query: "") == ["Action": ""])
    }

    @Test("XML escaping")
    func xml() {
        #expect(XML.escape(#"a<b>&"c'd"#) == "a&lt;b&gt;&amp;&quot;c&apos;d")
        #expect(XML.escape("plain") == "plain")
    }

    @Test("policy documents are returned URL-encoded")
    func documents() {
        #expect(IAMRender.encodeDocument(#"{"Action": "s3:*"}"#) == "%7B%22Action%22%3A%20%22s3%3A*%22%7D")
    }
}
