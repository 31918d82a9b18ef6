import DynamoModel
import Foundation
import SigV4
import TestSupport
import Testing
import WardenSupport
@testable import WardenServer

struct PipelineTests {
    /// Every JSON answer carries a request id and the CRC32 of its body.
    func checkHeaders(_ r: WardenResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        let id = r.header("x-amzn-RequestId") ?? ""
        #expect(RequestIDTests.wellFormed(id), "request id \(id)", sourceLocation: sourceLocation)
        #expect(r.header("x-amz-crc32") == String(CRC32.checksum(r.body)), sourceLocation: sourceLocation)
        #expect(r.header("Content-Type") == "application/x-amz-json-1.0", sourceLocation: sourceLocation)
    }

    @Test func successfulCall() throws {
        let w = try InProcessWarden()
        let r = w.call("ListTables", "{}")
        #expect(r.status == 200)
        #expect(r.text == #"{"TableNames":[]}"#)
        #expect(r.header("x-amz-crc32") == "1315925753")
        checkHeaders(r)
    }

    @Test func writesAndReadsThroughThePipeline() throws {
        let w = try InProcessWarden()
        let created = w.call("CreateTable", #"{"TableName":"pipe","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#)
        #expect(created.status == 200)
        #expect(created.json?["TableDescription"]?["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/pipe")
        checkHeaders(created)
        let put = w.call("PutItem", #"{"TableName":"pipe","Item":{"pk":{"S":"k"},"n":{"N":"007.50"}}}"#)
        #expect(put.status == 200 && put.text == "{}")
        checkHeaders(put)
        let got = w.call("GetItem", #"{"TableName":"pipe","Key":{"pk":{"S":"k"}}}"#)
        #expect(got.text == #"{"Item":{"n":{"N":"7.5"},"pk":{"S":"k"}}}"#)
        checkHeaders(got)
        // Request ids differ from request to request.
        let ids = Set([created, put, got].compactMap { $0.header("x-amzn-RequestId") })
        #expect(ids.count == 3)
    }

    @Test func errorBodies() throws {
        let w = try InProcessWarden()
        let validation = w.call("DescribeTable", "{}")
        #expect(validation.status == 400)
        #expect(validation.json == json(#"{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"}"#))
        checkHeaders(validation)
        let missing = w.call("DescribeTable", #"{"TableName":"missing-table"}"#)
        #expect(missing.json == json(#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: missing-table not found"}"#))
        let wrongType = w.call("DescribeTable", #"{"TableName":5}"#)
        #expect(wrongType.status == 400)
        #expect(wrongType.json == json(#"{"__type":"com.amazon.coral.service#SerializationException","Message":"class java.lang.Short can not be converted to an String"}"#))
        checkHeaders(wrongType)
    }

    @Test func unknownOperation() throws {
        let w = try InProcessWarden()
        for r in [w.call("FlyToTheMoon", "{}"), w.send(InProcessWarden.signed(nil, body: "{}"))] {
            #expect(r.status == 400)
            #expect(r.text == #"{"__type":"com.amazon.coral.service#UnknownOperationException"}"#)
            checkHeaders(r)
        }
        var other = InProcessWarden.signed("ListTables", body: "{}")
        other.headers = other.headers.map { $0.name == "X-Amz-Target" ? ($0.name, "Other_20120810.ListTables") : $0 }
        #expect(w.send(other).json?["__type"] == "com.amazon.coral.service#UnknownOperationException")
    }

    @Test(arguments: ["{not json", "", "[1,", #"{"a":1}x"#, "{\"Limit\":01}"])
    func malformedJSON(_ body: String) throws {
        let w = try InProcessWarden()
        let r = w.call("ListTables", body)
        #expect(r.status == 400)
        #expect(r.text == #"{"__type":"com.amazon.coral.service#SerializationException"}"#)
        checkHeaders(r)
    }

    @Test func nonObjectBody() throws {
        let w = try InProcessWarden()
        let r = w.call("ListTables", "[]")
        #expect(r.json == json(#"{"__type":"com.amazon.coral.service#SerializationException","Message":"Start of list found where not expected"}"#))
    }

    @Test func missingAuthentication() throws {
        let w = try InProcessWarden()
        let r = w.send(WardenRequest(method: "POST", uri: "/", headers: [("Host", "localhost"), ("X-Amz-Target", "DynamoDB_20120810.ListTables"),
                                                                         ("Content-Type", "application/x-amz-json-1.0")],
                                     body: Array("{}".utf8)))
        #expect(r.status == 400)
        #expect(r.json == json(#"{"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Request is missing Authentication Token"}"#))
        checkHeaders(r)
    }

    @Test func wrongSecret() throws {
        let w = try InProcessWarden()
        let r = w.send(InProcessWarden.signed("ListTables", body: "{}", secret: "not-the-secret"))
        #expect(r.status == 400)
        #expect(r.json == json(#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}"#))
        checkHeaders(r)
    }

    @Test func tamperedBody() throws {
        let w = try InProcessWarden()
        var request = InProcessWarden.signed("ListTables", body: "{}")
        request.body = Array(#"{"Limit":1}"#.utf8)
        #expect(w.send(request).json?["__type"] == "com.amazon.coral.service#InvalidSignatureException")
    }

    @Test func unknownAccessKey() throws {
        let enforcing = try InProcessWarden()
        let refused = enforcing.send(InProcessWarden.signed("ListTables", body: "{}", accessKey: "AKIDUNKNOWN"))
        #expect(refused.status == 400)
        #expect(refused.json == json(#"{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid."}"#))
        // Permissive mode: an unknown key acts as the default account's root.
        let permissive = try InProcessWarden(authMode: .permissive)
        let accepted = permissive.send(InProcessWarden.signed("ListTables", body: "{}", accessKey: "AKIDUNKNOWN", secret: "whatever"))
        #expect(accepted.status == 200)
        // …but a known key must still verify.
        #expect(permissive.send(InProcessWarden.signed("ListTables", body: "{}", secret: "wrong")).json?["__type"]
            == "com.amazon.coral.service#InvalidSignatureException")
    }

    @Test func staleSignature() throws {
        let w = try InProcessWarden()
        let r = w.send(InProcessWarden.signed("ListTables", body: "{}", at: Date().timeIntervalSince1970 - 3600))
        #expect(r.status == 400)
        #expect(r.json?["__type"] == "com.amazon.coral.service#InvalidSignatureException")
        #expect(r.json?["message"]?.stringValue?.hasPrefix("Signature expired: ") == true)
    }

    @Test func wrongServiceInScope() throws {
        let w = try InProcessWarden()
        let r = w.send(InProcessWarden.signed("ListTables", body: "{}", service: "s3"))
        #expect(r.status == 400)
        #expect(r.json?["message"] == "Credential should be scoped to correct service: 'dynamodb'. ")
    }

    /// The request's credential scope names its region: tables live per region.
    @Test func regionFromTheCredentialScope() throws {
        let w = try InProcessWarden()
        let create = #"{"TableName":"regional","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#
        #expect(w.send(InProcessWarden.signed("CreateTable", body: create, region: "eu-west-1")).status == 200)
        #expect(w.send(InProcessWarden.signed("ListTables", body: "{}", region: "eu-west-1")).text == #"{"TableNames":["regional"]}"#)
        #expect(w.call("ListTables", "{}").text == #"{"TableNames":[]}"#)
    }

    @Test func healthLine() throws {
        let w = try InProcessWarden()
        let r = w.send(WardenRequest(method: "GET", uri: "/", headers: [], body: []))
        #expect(r.status == 200)
        #expect(r.text == "healthy: dynamodb.us-east-1.amazonaws.com ")
        #expect(RequestIDTests.wellFormed(r.header("x-amzn-RequestId") ?? ""))
        // Any other GET is not for the JSON endpoint: DynamoDB answers 404.
        let other = w.send(WardenRequest(method: "GET", uri: "/other", headers: [], body: []))
        #expect(other.status == 404 && other.text == "<UnknownOperationException/>\n")
        // A POST without a target is an unknown operation.
        let post = w.send(WardenRequest(method: "POST", uri: "/", headers: [], body: []))
        #expect(post.status == 400 && post.json?["__type"] == "com.amazon.coral.service#UnknownOperationException")
    }

    /// DynamoDB's JSON endpoint takes `application/json` and `application/x-amz-json-1.0`
    /// bodies only (dynalite's `test/connection.js`); it answers in the type it was sent.
    @Test func contentTypes() throws {
        let w = try InProcessWarden()
        for type in ["text/plain", "application/x-amz-json-1.1", "application/jsonasdf", "application/x-www-form-urlencoded; x", nil] {
            let r = w.send(InProcessWarden.signed("ListTables", body: "{}", contentType: type))
            #expect(r.status == 404, "\(type ?? "none")")
            #expect(r.text == "<UnknownOperationException/>\n")
        }
        for (type, answered) in [("application/json", "application/json"), ("  application/json  ;  charset=x", "application/json"),
                                 ("application/x-amz-json-1.0;x", "application/x-amz-json-1.0")] {
            let r = w.send(InProcessWarden.signed("ListTables", body: "{}", contentType: type))
            #expect(r.status == 200, "\(type)")
            #expect(r.header("Content-Type") == answered)
        }
        let put = w.send(WardenRequest(method: "PUT", uri: "/", headers: [("X-Amz-Target", "DynamoDB_20120810.ListTables")], body: []))
        #expect(put.status == 404)
    }

    /// Warden-only endpoints are signed and answer as JSON.
    @Test func clockEndpoint() throws {
        let w = try InProcessWarden()
        let unsigned = w.send(WardenRequest(method: "GET", uri: "/_warden/clock", headers: [("Host", "localhost")], body: []))
        #expect(unsigned.json?["__type"] == "com.amazon.coral.service#MissingAuthenticationTokenException")
        let before = w.warden.clock.now()
        let advanced = w.send(InProcessWarden.signed(nil, body: #"{"advanceSeconds":3600}"#, path: "/_warden/clock"))
        #expect(advanced.status == 200)
        #expect(advanced.json?["offsetSeconds"] == .number("3600"))
        #expect(w.warden.clock.now() - before >= 3600)
        #expect(advanced.header("Content-Type") == "application/json")
        #expect(advanced.header("x-amz-crc32") == String(CRC32.checksum(advanced.body)))
        let negative = w.send(InProcessWarden.signed(nil, body: #"{"advanceSeconds":-5}"#, path: "/_warden/clock"))
        #expect(negative.json?["message"] == "advanceSeconds must be a non-negative number")
        // Regression: an infinite or enormous advance trapped rendering the next timestamp.
        for huge in ["1e400", "1e20", "300000000000"] {
            let r = w.send(InProcessWarden.signed(nil, body: #"{"advanceSeconds":\#(huge)}"#, path: "/_warden/clock"))
            #expect(r.status == 400, "\(huge)")
        }
        #expect(w.send(InProcessWarden.signed(nil, body: #"{"advanceSeconds":1e400}"#, path: "/_warden/clock")).json?["message"]
            == "advanceSeconds must be a non-negative number")
        #expect(w.send(InProcessWarden.signed(nil, body: #"{"advanceSeconds":1e20}"#, path: "/_warden/clock")).json?["message"]
            == "advanceSeconds would move the clock past 9999-12-31T23:59:59Z")
        // Far, but on the calendar: fine, and everything keeps answering.
        let far = w.send(InProcessWarden.signed(nil, body: #"{"advanceSeconds":200000000000}"#, path: "/_warden/clock"))
        #expect(far.status == 200)
        #expect(far.json?["now"]?.stringValue?.hasPrefix("8") == true)
        #expect(w.call("CreateTable", #"{"TableName":"future","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#).status == 200)
        let unknown = w.send(InProcessWarden.signed(nil, body: "{}", path: "/_warden/nothing"))
        #expect(unknown.status == 404)
        #expect(unknown.json == json(#"{"__type":"NotFound","message":"No such Warden endpoint: POST /_warden/nothing"}"#))
        // A signed request still verifies against the real clock after simulated time moved.
        #expect(w.call("ListTables", "{}").status == 200)
    }

    @Test func concurrentRequests() async throws {
        let w = try InProcessWarden()
        _ = w.call("CreateTable", #"{"TableName":"conc","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#)
        let pipeline = w.warden.pipeline
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<64 {
                group.addTask {
                    await withCheckedContinuation { continuation in
                        pipeline.handle(InProcessWarden.signed("PutItem", body: #"{"TableName":"conc","Item":{"pk":{"S":"k\#(i)"}}}"#)) {
                            continuation.resume(returning: $0.status)
                        }
                    }
                }
            }
            var out: [Int] = []
            for await s in group { out.append(s) }
            return out
        }
        #expect(statuses == [Int](repeating: 200, count: 64))
        #expect(w.call("Scan", #"{"TableName":"conc","Select":"COUNT"}"#).json?["Count"] == .number("64"))
    }
}
