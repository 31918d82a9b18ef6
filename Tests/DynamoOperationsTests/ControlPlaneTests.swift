import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations
import WardenSupport

struct ListTablesTests {
    @Test func pagesInByteOrder() throws {
        let h = try Harness()
        let names = ["beta", "Alpha", "alpha", "a.b", "a-b", "a_b", "zeta"]
        for n in names { h.createTable(n, sortKey: nil) }
        let expected = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(expected == ["Alpha", "a-b", "a.b", "a_b", "alpha", "beta", "zeta"])
        var seen: [String] = []
        var start: String?
        var pages = 0
        repeat {
            let out = h.ok("ListTables", #"{"Limit":3\#(start.map { #","ExclusiveStartTableName":"\#($0)""# } ?? "")}"#)
            seen += out["TableNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
            start = out["LastEvaluatedTableName"]?.stringValue
            pages += 1
        } while start != nil
        #expect(seen == expected)
        #expect(pages == 3)
        // A page that ends exactly at the last table has no LastEvaluatedTableName.
        #expect(h.ok("ListTables", #"{"Limit":7}"#)["LastEvaluatedTableName"] == nil)
        #expect(h.ok("ListTables", #"{"ExclusiveStartTableName":"zeta"}"#) == json(#"{"TableNames":[]}"#))
    }

    @Test func limits() throws {
        let h = try Harness()
        #expect(h.message("ListTables", #"{"Limit":101}"#) == constraint("101", "limit", "Member must have value less than or equal to 100"))
        #expect(h.message("ListTables", #"{"Limit":0}"#) == constraint("0", "limit", "Member must have value greater than or equal to 1"))
        #expect(h.message("ListTables", #"{"ExclusiveStartTableName":"x"}"#)
            == constraint("x", "exclusiveStartTableName", "Member must have length greater than or equal to 3"))
        #expect(h.message("ListTables", #"{"Limit":"3"}"#) == "class java.lang.String can not be converted to an Integer")
    }

    /// Tables are namespaced by account and region.
    @Test func otherAccountsAndRegions() throws {
        let h = try Harness()
        h.createTable("mine", sortKey: nil)
        var other = h.env
        other.accountId = "999999999999"
        let op = try #require(h.make("ListTables", "{}").successValue)
        let box = ResultBox()
        op.execute(service: h.service, env: other) { box.set($0) }
        #expect(box.json == json(#"{"TableNames":[]}"#))
        // A table ARN reaches a table in its own account.
        #expect(h.service.tableKey("arn:aws:dynamodb:eu-west-1:111122223333:table/x", env: h.env)
            == TableKey(account: "111122223333", region: "eu-west-1", name: "x"))
    }
}

/// Collects a synchronous completion.
final class ResultBox: @unchecked Sendable {
    // @unchecked Sendable: only used by synchronous completions on the calling thread.
    var result: Result<ResponseBody, DynamoError>?
    func set(_ r: Result<ResponseBody, DynamoError>) { result = r }
    var json: JSONValue? { result?.successValue.flatMap { try? JSONParser.parse($0) } }
}

struct TableArnTests {
    @Test(arguments: [
        ("arn:aws:dynamodb:us-east-1:123456789012:table/t1", "us-east-1", "123456789012", "t1", nil),
        ("arn:aws:dynamodb:eu-west-1:1:table/t1/index/byG", "eu-west-1", "1", "t1", "index/byG"),
        ("arn:aws-cn:dynamodb:cn-north-1:1:table/t/stream/2024-01-01T00:00:00.000", "cn-north-1", "1", "t", "stream/2024-01-01T00:00:00.000"),
        ("arn:aws:dynamodb:r:1:table/t:with:colons", "r", "1", "t:with:colons", nil),
        ("arn:aws:dynamodb:r:1:table/t/", "r", "1", "t", ""),
        ("arn:aws:dynamodb:r:1:table/tä/index/ü", "r", "1", "tä", "index/ü"),
        ("arn:aws-:dynamodb:r:1:table/t", "r", "1", "t", nil),
    ] as [(String, String, String, String, String?)])
    func parses(_ text: String, _ region: String, _ account: String, _ name: String, _ suffix: String?) throws {
        let arn = try #require(TableArn(text))
        #expect(arn.region == region && arn.account == account && arn.name == name && arn.suffix == suffix)
    }

    @Test(arguments: ["t1", "arn:aws:s3:::bucket", "arn:aws:dynamodb:us-east-1:1:tables/t", "arn:aws:dynamodb::1:table/t",
                      "arn:aws:dynamodb:us-east-1::table/t", "arn:aws:dynamodb:us-east-1:1:table/", "arn:other:dynamodb:r:1:table/t",
                      "", "arn:", "arn:aws:dynamodb:r:1", "arn:aws:dynamodb:r:1:", "arn:awsx:dynamodb:r:1:table/t", "arn:aw:dynamodb:r:1:table/t",
                      "arn:aws:dynamodbx:r:1:table/t", "arn:aws:dynamod:r:1:table/t", "arn:aws:dynamodb:r:1:table//x", "arn:aws:dynamodb:r:1:table",
                      "ARN:aws:dynamodb:r:1:table/t", "xarn:aws:dynamodb:r:1:table/t"])
    func refuses(_ text: String) {
        #expect(TableArn(text) == nil)
    }
}

struct TaggingTests {
    static let arn = "arn:aws:dynamodb:us-east-1:123456789012:table/tab"

    @Test func roundTripAndValidation() throws {
        let h = try Harness()
        h.createTable()
        h.ok("TagResource", #"{"ResourceArn":"\#(Self.arn)","Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]}"#)
        h.ok("TagResource", #"{"ResourceArn":"\#(Self.arn)","Tags":[{"Key":"a","Value":"3"}]}"#)
        #expect(h.ok("ListTagsOfResource", #"{"ResourceArn":"\#(Self.arn)"}"#) == json(#"{"Tags":[{"Key":"a","Value":"3"},{"Key":"b","Value":"2"}]}"#))
        h.ok("UntagResource", #"{"ResourceArn":"\#(Self.arn)","TagKeys":["a","zz"]}"#)
        #expect(h.ok("ListTagsOfResource", #"{"ResourceArn":"\#(Self.arn)"}"#) == json(#"{"Tags":[{"Key":"b","Value":"2"}]}"#))
        #expect(h.message("TagResource", #"{"ResourceArn":"\#(Self.arn)","Tags":[{"Key":"aws:x","Value":"1"}]}"#) == "Tag Key cannot be prefixed with aws:, Key: aws:x")
        #expect(h.message("TagResource", #"{"ResourceArn":"\#(Self.arn)","Tags":[]}"#) == "Atleast one Tag needs to be provided as Input.")
        #expect(h.message("TagResource", #"{"ResourceArn":"\#(Self.arn)","Tags":[{"Key":"d","Value":"1"},{"Key":"d","Value":"2"}]}"#)
            == "Duplicate Tag Keys provided as input: Duplicate Tag Key found d")
        #expect(h.message("UntagResource", #"{"ResourceArn":"\#(Self.arn)","TagKeys":[]}"#) == "Atleast one Tag Key needs to be provided as Input.")
        #expect(h.message("ListTagsOfResource", #"{"ResourceArn":"tab"}"#) == invalid + "ARNs must start with 'arn:': tab")
        #expect(h.message("ListTagsOfResource", #"{"ResourceArn":"arn:aws:s3:::b"}"#) == invalid + "Provided Arn is not a DynamoDB resource arn: arn:aws:s3:::b")
        #expect(h.message("ListTagsOfResource", #"{"ResourceArn":"\#(Self.arn)/index/byG"}"#)
            == invalid + "Invalid resource arn provided, only table or stream is accepted. Provided resource arn: \(Self.arn)/index/byG")
        #expect(h.message("ListTagsOfResource", #"{}"#) == constraint(nil, "resourceArn", "Member must not be null"))
        // NextToken is a string: any other JSON type is a SerializationException, before validation.
        for token in ["1", "true", "[]", #"{"a":1}"#] {
            #expect(h.error("ListTagsOfResource", #"{"ResourceArn":"tab","NextToken":\#(token)}"#)?.0 == "SerializationException")
        }
        #expect(h.ok("ListTagsOfResource", #"{"ResourceArn":"\#(Self.arn)","NextToken":null}"#)["Tags"] != nil)
        let missing = "arn:aws:dynamodb:us-east-1:123456789012:table/nope"
        #expect(h.error("ListTagsOfResource", #"{"ResourceArn":"\#(missing)"}"#)! == ("ResourceNotFoundException", "Requested resource not found: ResourcArn: \(missing) not found"))
        // At most 50 tags on a resource.
        let many = (0..<50).map { #"{"Key":"k\#($0)","Value":"v"}"# }.joined(separator: ",")
        #expect(h.message("TagResource", #"{"ResourceArn":"\#(Self.arn)","Tags":[\#(many)]}"#)
            == "Number of Tags exceed the current limit for the provided ResourceArn")
    }
}
