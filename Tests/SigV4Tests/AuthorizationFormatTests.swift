import Testing
@testable import SigV4

@Suite("Authorization header format")
struct AuthorizationFormatTests {
    static let credential = "\(Dynamo.accessKeyId)/20261122/us-east-1/dynamodb/aws4_request"
    static let date = ("X-Amz-Date", "20261122T014500Z")

    static func request(authorization: String?, date: (String, String)? = AuthorizationFormatTests.date) -> SigV4HTTPRequest {
        var request = Dynamo.unsigned()
        if let date { request.headers.append(date) }
        if let authorization { request.headers.append(("Authorization", authorization)) }
        return request
    }

    static func incomplete(_ message: String) -> SigV4Error {
        SigV4Error(code: "IncompleteSignatureException", message: message, httpStatus: 400)
    }

    @Test("no Authorization header and no presigned parameters")
    func missing() {
        #expect(Dynamo.verify(Self.request(authorization: nil)).failure ==
            SigV4Error(code: "MissingAuthenticationTokenException", message: "Request is missing Authentication Token",
                       httpStatus: 400))
    }

    @Test("an Authorization header of another scheme", arguments: ["AWS4", "Bearer abc", "Basic Og==", "",
                                                                    "aws4-hmac-sha256 Credential=x"])
    func otherScheme(authorization: String) {
        #expect(Dynamo.verify(Self.request(authorization: authorization)).failure == .missingAuthenticationToken)
    }

    @Test("\"AWS4-\" alone, no date: every requirement, then the header (dynalite's DynamoDB transcript)")
    func bareAWS4() {
        #expect(Dynamo.verify(Self.request(authorization: "AWS4-", date: nil)).failure == Self.incomplete(
            "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-"))
    }

    @Test("the algorithm alone")
    func algorithmOnly() {
        #expect(Dynamo.verify(Self.request(authorization: "AWS4-HMAC-SHA256")).failure == Self.incomplete(
            "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256"))
    }

    @Test("no Signature")
    func noSignature() {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.credential), SignedHeaders=host;x-amz-date"
        #expect(Dynamo.verify(Self.request(authorization: header)).failure == Self.incomplete(
            "Authorization header requires 'Signature' parameter. Authorization=\(header)"))
    }

    @Test("an empty Signature counts as none; an empty SignedHeaders does not")
    func emptyValues() {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.credential), SignedHeaders=, Signature="
        #expect(Dynamo.verify(Self.request(authorization: header)).failure == Self.incomplete(
            "Authorization header requires 'Signature' parameter. Authorization=\(header)"))
    }

    @Test("no date header")
    func noDate() {
        let signed = Dynamo.signed()
        let request = signed.replacingHeader("X-Amz-Date", with: nil)
        let header = signed.header("Authorization")!
        #expect(Dynamo.verify(request).failure == Self.incomplete(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=\(header)"))
    }

    @Test("a piece without '='")
    func notKeyValue() {
        let header = "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders"
        #expect(Dynamo.verify(Self.request(authorization: header)).failure == Self.incomplete(
            "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'."))
    }

    @Test("a date that is not ISO-8601 basic format", arguments: ["201", "2026-11-22T01:45:00Z", "20261122T014500", "20261322T014500Z"])
    func badDate(value: String) {
        let request = Dynamo.signed().replacingHeader("X-Amz-Date", with: value)
        #expect(Dynamo.verify(request).failure == Self.incomplete(
            "Date must be in ISO-8601 'basic format'. Got '\(value)'. See http://en.wikipedia.org/wiki/ISO_8601"))
    }

    @Test("Host not signed")
    func hostNotSigned() {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.credential), SignedHeaders=x-amz-date, Signature=abc"
        #expect(Dynamo.verify(Self.request(authorization: header)).failure == SigV4Error(
            code: "InvalidSignatureException",
            message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", httpStatus: 400))
    }

    @Test("X-Amz-Date not signed")
    func dateNotSigned() {
        let header = "AWS4-HMAC-SHA256 Credential=\(Self.credential), SignedHeaders=host, Signature=abc"
        #expect(Dynamo.verify(Self.request(authorization: header)).failure?.message ==
            "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.")
    }

    @Test("another algorithm")
    func unsupportedAlgorithm() {
        let header = "AWS4-HMAC-SHA25 Credential=\(Self.credential), SignedHeaders=host;x-amz-date, Signature=abc"
        #expect(Dynamo.verify(Self.request(authorization: header)).failure == Self.incomplete(
            "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). "))
    }

    @Test("checks run in DynamoDB's order")
    func order() {
        // Date before Host before algorithm before credential.
        let everythingWrong = "AWS4-X Credential=a/b, SignedHeaders=x-amz-date, Signature=abc"
        let late = Self.request(authorization: everythingWrong, date: ("X-Amz-Date", "20261122T000000Z"))
        #expect(Dynamo.verify(late).failure?.message.hasPrefix("Signature expired:") == true)
        #expect(Dynamo.verify(Self.request(authorization: everythingWrong)).failure?.message ==
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        let hostSigned = "AWS4-X Credential=a/b, SignedHeaders=host;x-amz-date, Signature=abc"
        #expect(Dynamo.verify(Self.request(authorization: hostSigned)).failure?.message.hasPrefix("Unsupported AWS 'algorithm'") == true)
    }

    @Test("separators: commas only, spaces only, extra white space")
    func separators() throws {
        let signed = Dynamo.signed()
        let header = signed.header("Authorization")!
        let credential = authorizationField(header, "Credential")!
        let signedHeaders = authorizationField(header, "SignedHeaders")!
        let signature = authorizationField(header, "Signature")!
        for variant in [
            "AWS4-HMAC-SHA256 Credential=\(credential),SignedHeaders=\(signedHeaders),Signature=\(signature)",
            "AWS4-HMAC-SHA256 Credential=\(credential) SignedHeaders=\(signedHeaders) Signature=\(signature)",
            "  AWS4-HMAC-SHA256   Signature=\(signature) ,  Credential=\(credential),SignedHeaders=\(signedHeaders)  ",
        ] {
            #expect(throws: Never.self, "\(variant)") {
                try Dynamo.verify(signed.replacingHeader("Authorization", with: variant)).get()
            }
        }
    }

    @Test("both an Authorization header and presigned parameters")
    func both() {
        var request = Dynamo.signed()
        request.rawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
        #expect(Dynamo.verify(request).failure == .signatureDoesNotMatch)
    }

    @Test("Date header instead of X-Amz-Date", arguments: ["Sun, 22 Nov 2026 01:45:00 GMT", "20261122T014500Z"])
    func dateHeader(value: String) throws {
        var request = Dynamo.unsigned()
        request.headers.append(("Date", value))
        let signedHeaders = ["content-type", "date", "host", "x-amz-target"]
        let canonical = canonicalRequest(for: request, signedHeaders: signedHeaders, payloadHash: sha256Hex(request.body))
        let toSign = stringToSign(requestDate: "20261122T014500Z",
                                  credentialScope: "20261122/us-east-1/dynamodb/aws4_request", canonicalRequest: canonical)
        let key = signingKey(secretAccessKey: Dynamo.secretAccessKey, date: "20261122", region: "us-east-1", service: "dynamodb")
        request.headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(Self.credential), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature(signingKey: key, stringToSign: toSign))"))
        let authenticated = try Dynamo.verify(request).get()
        #expect(authenticated.requestDate == "20261122T014500Z")
        // The Date header must then be signed.
        let unsigned = request.replacingHeader("Authorization", with: request.header("Authorization")!
            .replacingOccurrences(of: "content-type;date;host", with: "content-type;host"))
        #expect(Dynamo.verify(unsigned).failure?.message == "'Date' must be a 'SignedHeader' in the AWS Authorization.")
    }

    @Test("a signed header the request does not carry is signed as empty")
    func absentSignedHeader() throws {
        // What a client signs when a proxy later drops a header (e.g. Connection).
        var request = Dynamo.unsigned()
        request.headers.append(("Connection", "keep-alive"))
        request.headers += SigV4Signer.sign(
            method: "POST", rawPath: "/", rawQuery: "", headers: request.headers, body: request.body,
            accessKeyId: Dynamo.accessKeyId, secretAccessKey: Dynamo.secretAccessKey, sessionToken: nil,
            region: "us-east-1", service: "dynamodb", amzDate: "20261122T014500Z")
        #expect(throws: Never.self) { try Dynamo.verify(request).get() }
        let dropped = request.replacingHeader("Connection", with: nil)
        #expect(Dynamo.verify(dropped).failure == .signatureDoesNotMatch)
        let emptied = request.replacingHeader("Connection", with: "")
        #expect(canonicalRequest(for: dropped, signedHeaders: ["connection", "host"], payloadHash: "x")
            == canonicalRequest(for: emptied, signedHeaders: ["connection", "host"], payloadHash: "x"))
    }
}

@Suite("Payload hash")
struct PayloadHashTests {
    @Test("a signed X-Amz-Content-Sha256 that matches the body")
    func matches() {
        #expect(throws: Never.self) { try Dynamo.verify(Dynamo.signed(includeContentSha256: true)).get() }
    }

    @Test("a signed X-Amz-Content-Sha256 that does not match the body")
    func mismatch() {
        let request = Dynamo.signed(includeContentSha256: true, payloadHash: sha256Hex(Array("other".utf8)))
        #expect(Dynamo.verify(request).failure == .signatureDoesNotMatch)
    }

    @Test("body changed under a signed X-Amz-Content-Sha256")
    func bodyChanged() {
        var request = Dynamo.signed(includeContentSha256: true)
        request.body = Array(#"{"Limit":11}"#.utf8)
        #expect(Dynamo.verify(request).failure == .signatureDoesNotMatch)
    }

    @Test("an X-Amz-Target outside the signature cannot be swapped for another operation")
    func targetNotSigned() {
        // Signed without X-Amz-Target, then sent with one: the signature matches, the header
        // it does not cover is refused.
        var request = Dynamo.unsigned(headers: Array(Dynamo.baseHeaders.prefix(2)))
        request.headers += SigV4Signer.sign(
            method: request.method, rawPath: request.rawPath, rawQuery: "", headers: request.headers, body: request.body,
            accessKeyId: Dynamo.accessKeyId, secretAccessKey: Dynamo.secretAccessKey, sessionToken: nil,
            region: Dynamo.region, service: Dynamo.service, amzDate: amzDate(fromEpoch: Dynamo.now),
            includeContentSha256: false, payloadHash: nil)
        #expect(throws: Never.self) { try Dynamo.verify(request).get() }
        request.headers.append(("X-Amz-Target", "DynamoDB_20120810.DeleteTable"))
        #expect(Dynamo.verify(request).failure == SigV4Error(
            code: "InvalidSignatureException",
            message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.", httpStatus: 400))
    }

    @Test("UNSIGNED-PAYLOAD is Amazon S3's: refused even when the client signed it so")
    func unsignedPayload() {
        let request = Dynamo.signed(includeContentSha256: true, payloadHash: "UNSIGNED-PAYLOAD")
        #expect(Dynamo.verify(request).failure == .signatureDoesNotMatch)
        // ...nor can the header be added afterwards to escape body signing.
        let added = Dynamo.signed().replacingHeader("X-Amz-Content-Sha256", with: "UNSIGNED-PAYLOAD")
        #expect(Dynamo.verify(added).failure == .signatureDoesNotMatch)
    }
}

@Suite("Presigned requests")
struct PresignedTests {
    @Test("valid until X-Amz-Expires")
    func lifetime() throws {
        let request = Dynamo.presigned(offset: -300, expires: 300)
        let authenticated = try Dynamo.verify(request).get()
        #expect(authenticated.presigned)
        #expect(authenticated.signedHeaders == ["content-type", "host", "x-amz-target"])
        let late = Dynamo.presigned(offset: -301, expires: 300)
        #expect(Dynamo.verify(late).failure == SigV4Error(
            code: "InvalidSignatureException",
            message: "Signature expired: 20261122T013959Z is now earlier than 20261122T014000Z (20261122T014500Z - 5 min.)",
            httpStatus: 400))
    }

    @Test("an expiry that is not whole minutes")
    func secondsWindow() {
        #expect(Dynamo.verify(Dynamo.presigned(offset: -91, expires: 90)).failure?.message ==
            "Signature expired: 20261122T014329Z is now earlier than 20261122T014330Z (20261122T014500Z - 90 sec.)")
    }

    @Test("a long expiry outlives the 15-minute window")
    func longExpiry() {
        #expect(throws: Never.self) { try Dynamo.verify(Dynamo.presigned(offset: -86_400, expires: 604_800)).get() }
    }

    @Test("dated too far in the future")
    func future() {
        #expect(Dynamo.verify(Dynamo.presigned(offset: 16 * 60)).failure?.message ==
            "Signature not yet current: 20261122T020100Z is still later than 20261122T020000Z (20261122T014500Z + 15 min.)")
    }

    static func withExpires(_ value: String) -> SigV4HTTPRequest {
        var request = Dynamo.presigned()
        request.rawQuery = request.rawQuery.replacingOccurrences(of: "X-Amz-Expires=300", with: "X-Amz-Expires=" + value)
        return request
    }

    @Test("X-Amz-Expires out of range or not a number")
    func badExpires() {
        #expect(Dynamo.verify(Self.withExpires("604801")).failure == SigV4Error(
            code: "IncompleteSignatureException",
            message: "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds",
            httpStatus: 400))
        #expect(Dynamo.verify(Self.withExpires("soon")).failure?.message == "X-Amz-Expires should be a number")
        #expect(Dynamo.verify(Self.withExpires("-5")).failure?.message == "X-Amz-Expires must be non-negative")
        // A changed (valid) expiry is a changed signed parameter.
        #expect(Dynamo.verify(Self.withExpires("301")).failure == .signatureDoesNotMatch)
    }

    @Test("without X-Amz-Expires the 15-minute window applies")
    func noExpires() throws {
        func request(offset: Double) -> SigV4HTTPRequest {
            var request = Dynamo.presigned(offset: offset)
            let pieces = request.rawQuery.split(separator: "&").filter { !$0.hasPrefix("X-Amz-Expires=") && !$0.hasPrefix("X-Amz-Signature=") }
            let query = pieces.joined(separator: "&")
            let canonical = canonicalRequest(method: "POST", rawPath: "/", rawQuery: query, headers: request.headers,
                                             signedHeaders: ["content-type", "host", "x-amz-target"],
                                             payloadHash: sha256Hex(request.body), presigned: true)
            let date = amzDate(fromEpoch: Dynamo.now + offset)
            let toSign = stringToSign(requestDate: date, credentialScope: "\(date.prefix(8))/us-east-1/dynamodb/aws4_request",
                                      canonicalRequest: canonical)
            let key = signingKey(secretAccessKey: Dynamo.secretAccessKey, date: String(date.prefix(8)),
                                 region: "us-east-1", service: "dynamodb")
            request.rawQuery = query + "&X-Amz-Signature=" + signature(signingKey: key, stringToSign: toSign)
            return request
        }
        #expect(throws: Never.self) { try Dynamo.verify(request(offset: -900)).get() }
        #expect(Dynamo.verify(request(offset: -901)).failure?.message.hasSuffix("(20261122T014500Z - 15 min.)") == true)
    }

    @Test("missing parameters")
    func missingParameters() {
        var request = Dynamo.unsigned()
        request.rawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
        #expect(Dynamo.verify(request).failure == SigV4Error(
            code: "IncompleteSignatureException",
            message: "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
            httpStatus: 400))
        var noSignature = Dynamo.presigned()
        noSignature.rawQuery = noSignature.rawQuery.split(separator: "&")
            .filter { !$0.hasPrefix("X-Amz-Signature=") }.joined(separator: "&")
        #expect(Dynamo.verify(noSignature).failure?.message ==
            "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.")
    }

    @Test("another algorithm is no authentication at all")
    func otherAlgorithm() {
        var request = Dynamo.presigned()
        request.rawQuery = request.rawQuery.replacingOccurrences(of: "AWS4-HMAC-SHA256", with: "AWS4-HMAC-SHA1")
        #expect(Dynamo.verify(request).failure == .missingAuthenticationToken)
    }

    @Test("Host must be signed")
    func hostNotSigned() {
        var request = Dynamo.unsigned(headers: [("Host", "dynamodb.us-east-1.amazonaws.com")])
        request.rawQuery = SigV4Signer.presign(
            method: "POST", rawPath: "/", rawQuery: "", headers: [("X-Amz-Target", "DynamoDB_20120810.ListTables")],
            body: request.body, accessKeyId: Dynamo.accessKeyId, secretAccessKey: Dynamo.secretAccessKey,
            sessionToken: nil, region: "us-east-1", service: "dynamodb", amzDate: "20261122T014500Z", expires: 60)
        #expect(Dynamo.verify(request).failure?.message ==
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
    }
}
