import Testing
@testable import DynamoModel

struct TextSearchTests {
    @Test func findsTheFirstOccurrence() {
        let text = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host"
        let range = try? #require(text.utf8Range(of: "Credential="))
        #expect(range.map { String(text[$0.upperBound...].prefix(4)) } == "AKID")
        #expect("abcabc".utf8Range(of: "bc").map { "abcabc".utf8.distance(from: "abcabc".startIndex, to: $0.lowerBound) } == 1)
    }

    @Test func partialMatchesAndEndsAreHandled() {
        #expect("aaab".utf8Range(of: "aab") != nil)
        #expect("ab".utf8Range(of: "abc") == nil)
        #expect("".utf8Range(of: "a") == nil)
        #expect("abc".utf8Range(of: "") == nil)
        #expect("héllo:table/x".utf8Range(of: ":table/").map { String("héllo:table/x"[$0.upperBound...]) } == "x")
    }

    @Test func containsComparesBytes() {
        #expect("arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026".containsUTF8("/stream/"))
        #expect("arn:aws:dynamodb:us-east-1:123456789012:table/T".containsUTF8(":table/"))
        #expect(!"arn:aws:kms:us-east-1:123456789012:key/k".containsUTF8(":table/"))
        #expect(!"abc".containsUTF8(""))
        #expect("xé:table/".containsUTF8(":table/"))
        #expect("arn:…:table/x"[...].containsUTF8(":table/"))
    }

    @Test func searchesFromAStartIndex() {
        let text = "<a>1</a><a>2</a>"
        let first = text.utf8Range(of: "<a>")!
        let second = text.utf8Range(of: "<a>", from: first.upperBound)!
        #expect(String(text[second.upperBound...].prefix(1)) == "2")
    }
}

struct OnFirstUseTests {
    final class Counter: @unchecked Sendable { var calls = 0 }

    @Test func makesTheValueOnceAndRetriesAfterAFailure() throws {
        struct Boom: Error {}
        let counter = Counter()
        let lazy = OnFirstUse<Int> {
            counter.calls += 1
            if counter.calls == 1 { throw Boom() }
            return 42
        }
        #expect(counter.calls == 0)
        #expect(throws: Boom.self) { try lazy.get() }
        #expect(try lazy.get() == 42)
        #expect(try lazy.get() == 42)
        #expect(counter.calls == 2)
    }
}
