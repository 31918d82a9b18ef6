import Testing
@testable import SigV4

/// AWS's SigV4 test suite, every case, both the header and the presigned (query) form.
@Suite("AWS SigV4 test suite")
struct VectorTests {
    @Test("suite is present")
    func suiteIsPresent() {
        #expect(VectorSuite.caseNames.count >= 38, "Vectors/ not found next to the tests (\(VectorSuite.directory.path))")
    }

    @Test("header form: canonical request, string to sign, signature", arguments: VectorSuite.caseNames)
    func headerCanonicalForm(name: String) throws {
        let vector = try VectorSuite.load(name)
        let request = try vector.request("header-signed-request.txt")
        let authorization = try #require(request.header("Authorization"))
        let signedHeaders = try #require(authorizationField(authorization, "SignedHeaders")).split(separator: ";").map(String.init)
        let payloadHash = request.header("x-amz-content-sha256") ?? sha256Hex(request.body)

        let canonical = canonicalRequest(for: request, signedHeaders: signedHeaders, payloadHash: payloadHash,
                                         normalizePath: vector.context.normalize)
        #expect(canonical == (try vector.text("header-canonical-request.txt")))

        let toSign = stringToSign(requestDate: vector.amzDate, credentialScope: vector.credentialScope,
                                  canonicalRequest: canonical)
        #expect(toSign == (try vector.text("header-string-to-sign.txt")))

        let key = signingKey(secretAccessKey: vector.context.credentials.secret_access_key,
                             date: String(vector.amzDate.prefix(8)), region: vector.context.region,
                             service: vector.context.service)
        let expectedSignature = try vector.text("header-signature.txt")
        #expect(signature(signingKey: key, stringToSign: toSign) == expectedSignature)
        #expect(authorizationField(authorization, "Signature") == expectedSignature)
    }

    @Test("query form: canonical request, string to sign, signature", arguments: VectorSuite.caseNames)
    func queryCanonicalForm(name: String) throws {
        let vector = try VectorSuite.load(name)
        let request = try vector.request("query-signed-request.txt")
        let signedHeaders = try #require(queryParameter(request.rawQuery, "X-Amz-SignedHeaders"))
            .split(separator: ";").map(String.init)

        // The suite signs the token into the URL unless the case says it is added afterwards.
        var signedRequest = request
        if vector.context.omit_session_token == true {
            signedRequest.rawQuery = request.rawQuery.split(separator: "&")
                .filter { !$0.hasPrefix("X-Amz-Security-Token=") }.joined(separator: "&")
        }
        let canonical = canonicalRequest(for: signedRequest, signedHeaders: signedHeaders,
                                         payloadHash: sha256Hex(request.body),
                                         normalizePath: vector.context.normalize, presigned: true)
        #expect(canonical == (try vector.text("query-canonical-request.txt")))

        let toSign = stringToSign(requestDate: vector.amzDate, credentialScope: vector.credentialScope,
                                  canonicalRequest: canonical)
        #expect(toSign == (try vector.text("query-string-to-sign.txt")))

        let key = signingKey(secretAccessKey: vector.context.credentials.secret_access_key,
                             date: String(vector.amzDate.prefix(8)), region: vector.context.region,
                             service: vector.context.service)
        let expectedSignature = try vector.text("query-signature.txt")
        #expect(signature(signingKey: key, stringToSign: toSign) == expectedSignature)
        #expect(queryParameter(request.rawQuery, "X-Amz-Signature") == expectedSignature)
    }

    @Test("verifier accepts the header-signed request", arguments: VectorSuite.caseNames)
    func verifierAcceptsHeaderForm(name: String) throws {
        let vector = try VectorSuite.load(name)
        let request = try vector.request("header-signed-request.txt")
        let result = verify(request, vector)
        let authenticated = try result.get()
        #expect(authenticated.accessKeyId == vector.context.credentials.access_key_id)
        #expect(authenticated.region == vector.context.region)
        #expect(authenticated.service == vector.context.service)
        #expect(authenticated.requestDate == vector.amzDate)
        #expect(authenticated.presigned == false)
        #expect(authenticated.verified)
        #expect(authenticated.sessionToken == request.header("X-Amz-Security-Token"))
        #expect(authenticated.signedHeaders.contains("host"))
    }

    @Test("verifier accepts the presigned request", arguments: VectorSuite.caseNames)
    func verifierAcceptsQueryForm(name: String) throws {
        let vector = try VectorSuite.load(name)
        let request = try vector.request("query-signed-request.txt")
        let authenticated = try verify(request, vector).get()
        #expect(authenticated.presigned)
        #expect(authenticated.verified)
        #expect(authenticated.requestDate == vector.amzDate)
        #expect(authenticated.sessionToken == vector.context.credentials.token)
    }

    @Test("presigned request stays valid for X-Amz-Expires, then expires", arguments: VectorSuite.caseNames)
    func presignedLifetime(name: String) throws {
        let vector = try VectorSuite.load(name)
        let request = try vector.request("query-signed-request.txt")
        let expires = Double(vector.context.expiration_in_seconds)
        #expect(throws: Never.self) { try verify(request, vector, now: vector.now + expires).get() }
        let late = verify(request, vector, now: vector.now + expires + 1)
        #expect(late.failure?.code == "InvalidSignatureException")
        #expect(late.failure?.message.hasPrefix("Signature expired: \(vector.amzDate) is now earlier than ") == true)
    }

    @Test("signer reproduces the header signature", arguments: VectorSuite.caseNames)
    func signerHeaderForm(name: String) throws {
        let vector = try VectorSuite.load(name)
        let request = try vector.request("request.txt")
        let signedRequest = try vector.request("header-signed-request.txt")
        let added = SigV4Signer.sign(
            method: request.method, rawPath: request.rawPath, rawQuery: request.rawQuery, headers: request.headers,
            body: request.body, accessKeyId: vector.context.credentials.access_key_id,
            secretAccessKey: vector.context.credentials.secret_access_key,
            sessionToken: vector.context.omit_session_token == true ? nil : vector.context.credentials.token,
            region: vector.context.region, service: vector.context.service, amzDate: vector.amzDate,
            includeContentSha256: vector.context.sign_body, normalizePath: vector.context.normalize)
        let authorization = try #require(added.first { $0.name == "Authorization" }?.value)
        #expect(authorization == signedRequest.header("Authorization"))
        #expect(authorizationField(authorization, "Signature") == (try vector.text("header-signature.txt")))
        #expect(added.first { $0.name == "X-Amz-Date" }?.value == vector.amzDate)

        // And what it signs verifies.
        var outgoing = request
        outgoing.headers += added
        if vector.context.omit_session_token == true, let token = vector.context.credentials.token {
            outgoing.headers.append(("X-Amz-Security-Token", token))
        }
        #expect(throws: Never.self) { try verify(outgoing, vector).get() }
    }

    @Test("signer reproduces the presigned signature", arguments: VectorSuite.caseNames)
    func signerQueryForm(name: String) throws {
        let vector = try VectorSuite.load(name)
        let request = try vector.request("request.txt")
        let omitToken = vector.context.omit_session_token == true
        var query = SigV4Signer.presign(
            method: request.method, rawPath: request.rawPath, rawQuery: request.rawQuery, headers: request.headers,
            body: request.body, accessKeyId: vector.context.credentials.access_key_id,
            secretAccessKey: vector.context.credentials.secret_access_key,
            sessionToken: omitToken ? nil : vector.context.credentials.token,
            region: vector.context.region, service: vector.context.service, amzDate: vector.amzDate,
            expires: vector.context.expiration_in_seconds, normalizePath: vector.context.normalize)
        #expect(queryParameter(query, "X-Amz-Signature") == (try vector.text("query-signature.txt")))
        if omitToken, let token = vector.context.credentials.token {
            query += "&X-Amz-Security-Token=" + token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        }
        var outgoing = request
        outgoing.rawQuery = query
        #expect(throws: Never.self) { try verify(outgoing, vector).get() }
    }

    @Test("the query-form canonical request is independent of parameter order")
    func queryOrderIndependent() throws {
        let vector = try VectorSuite.load("get-vanilla-query-order-key-case")
        var request = try vector.request("query-signed-request.txt")
        request.rawQuery = request.rawQuery.split(separator: "&").reversed().joined(separator: "&")
        #expect(throws: Never.self) { try verify(request, vector).get() }
    }
}

// MARK: - Helpers shared by the test files

/// Verifies a request with a vector's credentials, service and region, at its time stamp.
func verify(_ request: SigV4HTTPRequest, _ vector: VectorCase, now: Double? = nil,
            secret: SigV4Secret? = nil, verifier: SigV4Verifier = sharedVerifier) -> Result<SigV4Authenticated, SigV4Error> {
    let keySecret = secret ?? vector.secret
    return verifier.verify(request, now: now ?? vector.now, expectedService: vector.context.service,
                           expectedRegion: vector.context.region, normalizePath: vector.context.normalize) { id in
        id == vector.context.credentials.access_key_id ? .secret(keySecret) : .unknown
    }
}

let sharedVerifier = SigV4Verifier()

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
