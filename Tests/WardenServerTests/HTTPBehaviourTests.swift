import DynamoModel
import Foundation
import Testing
import WardenSupport
@testable import WardenServer

/// Content codings, CORS and the Date header, below the socket (Conformance/test_http_behaviour.py
/// holds the same behaviour end to end).
struct HTTPBehaviourTests {
    /// Accept-Encoding values and what DynamoDB chose for each (recorded against the service by
    /// ScyllaDB's test_compressed_response.py).
    @Test(arguments: [
        ("", nil), ("identity", nil), ("br", nil), ("x-gzip", nil), ("gzip", "gzip"), ("deflate", "deflate"),
        ("gzip, deflate", "gzip"), ("br, identity, deflate, gzip", "deflate"), ("GZIP, identity", "gzip"),
        ("dog, gzip ,, cat", "gzip"), ("gzip;q=0.8, deflate;q=0.5", "gzip"), ("br, gzip;q=0, deflate; q = 0.5 , identity;q=0", "deflate"),
        ("*", "gzip"), ("*, deflate;q=0.5", "gzip"), ("*, deflate", "deflate"), ("*, identity", "gzip"), ("*, gzip;q=0.5", "deflate"),
        ("gzip ;q=0", nil), ("identity;q=0", nil), ("*;q=0", nil), ("*;q=0.5,identity", "gzip"), ("gzip;q=0.5,identity;q=0.8", "gzip"),
        ("br;q=0.8,identity;q=0.5,*;q=0", nil), ("\"gzip\"", nil), ("gzip br", nil), ("gzip:q=1", nil),
        ("deflate;q=0.5, gzip;q=31", "gzip"), ("gzip;q=31,deflate;q=51", "gzip"), ("deflate;q=0.5, gzip;q=0.2", "deflate"),
        ("deflate;q=0.5, gzip;q=1;q=0.2", "gzip"), ("deflate;q=0.5,gzip;q=0.", "deflate"), ("deflate;q=0.5,gzip;q=0.x", "gzip"),
        ("deflate;q=-0.5,gzip;q=0.2", "gzip"), ("gzip;nq=1;q=0 ", nil), ("gzip;q=0, gzip;q=1, gzip;q=0", "gzip"),
        ("br,identity;q=0.5,gzip;q=0.0001", "gzip"), ("*, gzip;q=0, deflate;q=0", nil), ("*;q=0.3, gzip;q=0.2", "deflate"),
    ] as [(String, String?)])
    func negotiation(_ header: String, _ expected: String?) {
        #expect(ContentCoding.negotiate(header)?.name == expected)
    }

    func request(_ body: [UInt8]) -> WardenRequest {
        WardenRequest(method: "POST", uri: "/", headers: [], body: body)
    }

    @Test func decodesGzipAndDeflateKeepingTheBytesReceived() {
        let json = Array(#"{"TableName":"t"}"#.utf8)
        for (coding, compressed) in [("gzip", Gzip.compress(json)), ("Deflate", Deflate.compress(json)), (" GZIP ", Gzip.compress(json))] {
            var r = request(compressed)
            #expect(ContentCoding.decode(&r, coding: coding) == nil)
            #expect(r.body == json && r.encodedBody == compressed)
        }
        var identity = request(json)
        #expect(ContentCoding.decode(&identity, coding: "identity") == nil && identity.body == json && identity.encodedBody == nil)
    }

    @Test(arguments: ["garbage", "gzip, gzip", "x-gzip", "br", "gzip;q=1"])
    func unknownCodingsAreInternalErrors(_ coding: String) {
        var r = request(Gzip.compress([1, 2, 3]))
        #expect(ContentCoding.decode(&r, coding: coding) == .internalFailure())
        #expect(r.encodedBody == nil)
    }

    @Test func undecodableBodiesAreInternalErrorsAndBombsTooLarge() {
        let json = Array(#"{"TableName":"t"}"#.utf8)
        for (coding, body) in [("gzip", json), ("gzip", []), ("deflate", []), ("gzip", Array(Gzip.compress(json).dropLast())), ("deflate", Gzip.compress(json))] {
            var r = request(body)
            #expect(ContentCoding.decode(&r, coding: coding) == .internalFailure())
        }
        let bomb = [UInt8](repeating: 0x20, count: 16 * 1024 * 1024 + 1)
        for (coding, body) in [("gzip", Gzip.compress(bomb)), ("deflate", Deflate.compress(bomb))] {
            var r = request(body)
            #expect(ContentCoding.decode(&r, coding: coding) == .requestTooLarge())
        }
        var junk = request(Gzip.compress(json) + Array("junk".utf8))
        #expect(ContentCoding.decode(&junk, coding: "gzip") == nil && junk.body == json)
    }

    @Test func answersFrom4096BytesAreCompressedWithTheirCRCOverTheSentBytes() throws {
        for size in [4095, 4096] {
            let body = [UInt8](repeating: 0x61, count: size)
            var response = WardenResponse(status: 200, headers: [("x-amz-crc32", String(CRC32.checksum(body)))], body: body)
            ContentCoding.compress(&response, acceptEncoding: "deflate, gzip")
            if size == 4095 {
                #expect(response.body == body && response.header("Content-Encoding") == nil)
            } else {
                #expect(response.header("Content-Encoding") == "deflate")
                #expect(try Deflate.decompress(response.body, maxOutputBytes: 4096) == body)
            }
            #expect(response.header("x-amz-crc32") == String(CRC32.checksum(response.body)))
        }
    }

    @Test func pipelineAnswersPreflightsAndAddsCORSHeaders() throws {
        let w = try InProcessWarden()
        let preflight = w.send(WardenRequest(method: "OPTIONS", uri: "/", headers: [
            ("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "x-amz-target"),
        ], body: []))
        #expect(preflight.status == 200 && preflight.body.isEmpty)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*" && preflight.header("Access-Control-Allow-Methods") == "POST")
        #expect(preflight.header("Access-Control-Allow-Headers") == "x-amz-target" && preflight.header("Access-Control-Max-Age") == "172800")
        #expect(preflight.header("Access-Control-Expose-Headers") == "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date")
        let bare = w.send(WardenRequest(method: "OPTIONS", uri: "/", headers: [], body: []))
        #expect(bare.status == 404 && bare.header("Access-Control-Allow-Origin") == nil)
        var listed = InProcessWarden.signed("ListTables", body: "{}")
        listed.headers.append(("origin", "https://app.example"))
        let answer = w.send(listed)
        #expect(answer.status == 200 && answer.header("Access-Control-Allow-Origin") == "*")
    }

    @Test func pipelineDecodesBeforeVerifyingTheSignatureOverTheSentBytes() throws {
        let w = try InProcessWarden()
        let compressed = Gzip.compress(Array("{}".utf8))
        var request = InProcessWarden.signed("ListTables", body: String(decoding: compressed, as: UTF8.self))
        request.body = compressed
        request.headers.append(("Content-Encoding", "gzip"))
        // Signed over other bytes than those sent: the string round trip above changed them.
        #expect(w.send(request).status == 400)
        let broken = w.send(WardenRequest(method: "POST", uri: "/", headers: [("Content-Encoding", "gzip"), ("X-Amz-Target", "DynamoDB_20120810.ListTables")], body: Array("{}".utf8)))
        #expect(broken.status == 500)
        #expect(broken.text == #"{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"The server encountered an internal error trying to fulfill the request."}"#)
    }

    @Test func httpDates() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(1_764_892_800) == "Fri, 05 Dec 2025 00:00:00 GMT")
        var cached = HTTPDate()
        #expect(cached.at(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func headerLookupIgnoresCaseWithoutFalseMatches() {
        let r = WardenRequest(method: "GET", uri: "/", headers: [("content-ENCODING", "gzip"), ("X-Amz-Target", "t"), ("Origin", "o")], body: [])
        #expect(r.header("Content-Encoding") == "gzip" && r.header("x-amz-target") == "t" && r.header("ORIGIN") == "o")
        #expect(r.header("Content-Encodinh") == nil && r.header("Origin2") == nil)
        // '@' (0x40) and '`' (0x60) differ only in bit 0x20 but are not letters.
        let odd = WardenRequest(method: "GET", uri: "/", headers: [("a@", "x")], body: [])
        #expect(odd.header("a`") == nil && odd.header("A@") == "x")
    }
}
