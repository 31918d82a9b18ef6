import Testing
@testable import SigV4

@Suite("Clock skew")
struct ClockSkewTests {
    @Test("within 15 minutes either way is accepted", arguments: [-900.0, -840, -1, 0, 1, 840, 900])
    func accepted(offset: Double) throws {
        let result = Dynamo.verify(Dynamo.signed(offset: offset))
        #expect(throws: Never.self) { try result.get() }
    }

    @Test("16 minutes late")
    func sixteenMinutesLate() {
        let result = Dynamo.verify(Dynamo.signed(offset: -16 * 60))
        #expect(result.failure == SigV4Error(
            code: "InvalidSignatureException",
            message: "Signature expired: 20261122T012900Z is now earlier than 20261122T013000Z (20261122T014500Z - 15 min.)",
            httpStatus: 400))
    }

    @Test("45 minutes late")
    func fortyFiveMinutesLate() {
        let result = Dynamo.verify(Dynamo.signed(offset: -45 * 60))
        #expect(result.failure?.message ==
            "Signature expired: 20261122T010000Z is now earlier than 20261122T013000Z (20261122T014500Z - 15 min.)")
    }

    @Test("one second past the window")
    func oneSecondLate() {
        #expect(Dynamo.verify(Dynamo.signed(offset: -901)).failure?.message ==
            "Signature expired: 20261122T012959Z is now earlier than 20261122T013000Z (20261122T014500Z - 15 min.)")
        #expect(Dynamo.verify(Dynamo.signed(offset: 901)).failure?.message ==
            "Signature not yet current: 20261122T020001Z is still later than 20261122T020000Z (20261122T014500Z + 15 min.)")
    }

    @Test("16 minutes early")
    func sixteenMinutesEarly() {
        let result = Dynamo.verify(Dynamo.signed(offset: 16 * 60))
        #expect(result.failure == SigV4Error(
            code: "InvalidSignatureException",
            message: "Signature not yet current: 20261122T020100Z is still later than 20261122T020000Z (20261122T014500Z + 15 min.)",
            httpStatus: 400))
    }

    @Test("a clock that is not a number accepts nothing")
    func nanClock() {
        #expect(Dynamo.verify(Dynamo.signed(), now: .nan).failure?.code == "InvalidSignatureException")
        #expect(Dynamo.verify(Dynamo.signed(), now: .infinity).failure?.code == "InvalidSignatureException")
    }

    @Test("skew is checked before the key is looked up")
    func skewBeforeLookup() {
        var lookups = 0
        let result = Dynamo.verify(Dynamo.signed(offset: -3600)) { _ in lookups += 1; return .unknown }
        #expect(result.failure?.message.hasPrefix("Signature expired:") == true)
        #expect(lookups == 0)
    }
}

@Suite("Access keys and session tokens")
struct KeyTests {
    @Test("a good request is accepted, with what it was signed for")
    func accepted() throws {
        let authenticated = try Dynamo.verify(Dynamo.signed()).get()
        #expect(authenticated == SigV4Authenticated(
            accessKeyId: Dynamo.accessKeyId, region: "us-east-1", service: "dynamodb",
            requestDate: "20261122T014500Z",
            signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-target"],
            sessionToken: nil, presigned: false, verified: true))
    }

    @Test("unknown access key")
    func unknownKey() {
        let result = Dynamo.verify(Dynamo.signed(accessKeyId: "AKIANOTKNOWN0000000"))
        #expect(result.failure == SigV4Error(code: "UnrecognizedClientException",
                                             message: "The security token included in the request is invalid.",
                                             httpStatus: 400))
    }

    @Test("the lookup sees the access key id, once")
    func lookupArgument() {
        var seen: [String] = []
        _ = Dynamo.verify(Dynamo.signed()) { seen.append($0); return Dynamo.lookup($0) }
        #expect(seen == [Dynamo.accessKeyId])
    }

    @Test("expired temporary credentials")
    func expiredKey() {
        let result = Dynamo.verify(Dynamo.signed()) { _ in .expired }
        #expect(result.failure == SigV4Error(code: "ExpiredTokenException",
                                             message: "The security token included in the request is expired",
                                             httpStatus: 400))
    }

    @Test("permissive mode accepts any signature, unverified")
    func permissive() throws {
        let request = Dynamo.signed(secret: "not the secret at all")
        let authenticated = try Dynamo.verify(request) { _ in .acceptWithoutVerification }.get()
        #expect(authenticated.verified == false)
        #expect(authenticated.accessKeyId == Dynamo.accessKeyId)
        #expect(Dynamo.verify(request).failure == .signatureDoesNotMatch)
    }

    @Test("permissive mode still checks format, date and scope")
    func permissiveStillChecks() {
        let accept: (String) -> SigV4KeyLookup = { _ in .acceptWithoutVerification }
        #expect(Dynamo.verify(Dynamo.signed(service: "s3"), lookup: accept).failure?.message ==
            "Credential should be scoped to correct service: 'dynamodb'. ")
        #expect(Dynamo.verify(Dynamo.signed(offset: 3600), lookup: accept).failure?.code == "InvalidSignatureException")
        #expect(Dynamo.verify(Dynamo.unsigned(), lookup: accept).failure == .missingAuthenticationToken)
    }

    @Test("temporary credentials with their token")
    func sessionTokenPresent() throws {
        let request = Dynamo.signed(accessKeyId: Dynamo.temporaryKeyId, secret: Dynamo.temporarySecret,
                                    token: Dynamo.sessionToken)
        let authenticated = try Dynamo.verify(request).get()
        #expect(authenticated.sessionToken == Dynamo.sessionToken)
        #expect(authenticated.signedHeaders.contains("x-amz-security-token"))
    }

    @Test("temporary credentials without a token")
    func sessionTokenMissing() {
        let request = Dynamo.signed(accessKeyId: Dynamo.temporaryKeyId, secret: Dynamo.temporarySecret)
        #expect(Dynamo.verify(request).failure == .invalidSecurityToken)
    }

    @Test("temporary credentials with another token (correctly signed)")
    func sessionTokenWrong() {
        let request = Dynamo.signed(accessKeyId: Dynamo.temporaryKeyId, secret: Dynamo.temporarySecret,
                                    token: Dynamo.sessionToken + "x")
        #expect(Dynamo.verify(request).failure == .invalidSecurityToken)
    }

    @Test("a token added after signing must still be the right one")
    func unsignedToken() throws {
        var request = Dynamo.signed(accessKeyId: Dynamo.temporaryKeyId, secret: Dynamo.temporarySecret)
        request.headers.append(("X-Amz-Security-Token", Dynamo.sessionToken))
        #expect(throws: Never.self) { try Dynamo.verify(request).get() }
        request.headers[request.headers.count - 1].value = "forged"
        #expect(Dynamo.verify(request).failure == .invalidSecurityToken)
    }

    @Test("a token on a long-term key")
    func sessionTokenUnexpected() {
        let request = Dynamo.signed(token: Dynamo.sessionToken)
        #expect(Dynamo.verify(request).failure == .invalidSecurityToken)
    }

    @Test("a wrong signature is reported before a wrong token")
    func signatureBeforeToken() {
        let request = Dynamo.signed(accessKeyId: Dynamo.temporaryKeyId, secret: "wrong", token: "wrong")
        #expect(Dynamo.verify(request).failure == .signatureDoesNotMatch)
    }

    @Test("presigned with a token")
    func presignedToken() throws {
        let request = Dynamo.presigned(token: Dynamo.sessionToken, accessKeyId: Dynamo.temporaryKeyId,
                                       secret: Dynamo.temporarySecret)
        let authenticated = try Dynamo.verify(request).get()
        #expect(authenticated.presigned)
        #expect(authenticated.sessionToken == Dynamo.sessionToken)
        let withoutToken = Dynamo.presigned(accessKeyId: Dynamo.temporaryKeyId, secret: Dynamo.temporarySecret)
        #expect(Dynamo.verify(withoutToken).failure == .invalidSecurityToken)
    }
}

@Suite("Credential scope")
struct ScopeTests {
    @Test("another service")
    func wrongService() {
        let result = Dynamo.verify(Dynamo.signed(service: "dynamo"))
        #expect(result.failure == SigV4Error(code: "InvalidSignatureException",
                                             message: "Credential should be scoped to correct service: 'dynamodb'. ",
                                             httpStatus: 400))
    }

    @Test("a malformed region")
    func badRegion() {
        #expect(Dynamo.verify(Dynamo.signed(region: "US_EAST_1")).failure?.message ==
            "Credential should be scoped to a valid region, not 'US_EAST_1'. ")
    }

    @Test("another region than the server's")
    func otherRegion() {
        #expect(Dynamo.verify(Dynamo.signed(region: "us-east-2"), expectedRegion: "us-east-1").failure?.message ==
            "Credential should be scoped to a valid region, not 'us-east-2'. ")
        #expect(throws: Never.self) { try Dynamo.verify(Dynamo.signed(region: "eu-west-3")).get() }
    }

    static func withCredential(_ credential: String) -> SigV4HTTPRequest {
        let request = Dynamo.signed()
        let authorization = request.header("Authorization")!
        let old = authorizationField(authorization, "Credential")!
        return request.replacingHeader("Authorization", with: authorization.replacingOccurrences(of: old, with: credential))
    }

    @Test("a wrong terminator")
    func badTerminator() {
        let result = Dynamo.verify(Self.withCredential("\(Dynamo.accessKeyId)/20261122/us-east-1/dynamodb/x"))
        #expect(result.failure?.message == "Credential should be scoped with a valid terminator: 'aws4_request', not 'x'. ")
    }

    @Test("a date other than the request's")
    func badDate() {
        let result = Dynamo.verify(Self.withCredential("\(Dynamo.accessKeyId)/20261121/us-east-1/dynamodb/aws4_request"))
        #expect(result.failure == SigV4Error(
            code: "InvalidSignatureException",
            message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261121' != '20261122', from '20261122T014500Z'.",
            httpStatus: 400))
    }

    @Test("every wrong part at once, in AWS's order")
    func allWrong() {
        let result = Dynamo.verify(Self.withCredential("a/b/c/d/e"), expectedRegion: "us-east-1")
        #expect(result.failure?.message ==
            "Credential should be scoped to a valid region, not 'c'. Credential should be scoped to correct service: 'dynamodb'. Credential should be scoped with a valid terminator: 'aws4_request', not 'e'. Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: 'b' != '20261122', from '20261122T014500Z'.")
    }

    @Test("not five parts")
    func parts() {
        let result = Dynamo.verify(Self.withCredential("a/b/c/d"))
        #expect(result.failure == SigV4Error(
            code: "IncompleteSignatureException",
            message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'",
            httpStatus: 400))
        #expect(Dynamo.verify(Self.withCredential("a/b/c/d/")).failure?.code == "IncompleteSignatureException")
        #expect(Dynamo.verify(Self.withCredential("a/b/c/d/e/f")).failure?.code == "IncompleteSignatureException")
    }

    @Test("a trailing slash after the terminator is ignored")
    func trailingSlash() {
        let credential = "\(Dynamo.accessKeyId)/20261122/us-east-1/dynamodb/aws4_request/"
        #expect(throws: Never.self) { try Dynamo.verify(Self.withCredential(credential)).get() }
    }
}
