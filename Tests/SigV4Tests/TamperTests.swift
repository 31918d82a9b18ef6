import Testing
@testable import SigV4

/// Every one-byte change to what a signature covers must be refused.
///
/// A change is made by flipping the lowest bit of one byte (it never changes letter case, and keeps
/// ASCII ASCII). Where a change leaves the signed content the same — the path "//" and "./" both
/// normalize to "/" — the request is rightly still accepted; the tests compute the canonical
/// request to tell those apart instead of assuming.
@Suite("Tampering")
struct TamperTests {
    static func flip(_ text: String, at index: Int) -> String {
        var bytes = Array(text.utf8)
        bytes[index] ^= 0x01
        return String(decoding: bytes, as: UTF8.self)
    }

    enum Form: String, CaseIterable, Sendable { case header, query }

    static var arguments: [(String, Form)] {
        VectorSuite.caseNames.flatMap { name in Form.allCases.map { (name, $0) } }
    }

    static func signedRequest(_ vector: VectorCase, _ form: Form) throws -> SigV4HTTPRequest {
        try vector.request(form == .header ? "header-signed-request.txt" : "query-signed-request.txt")
    }

    static func signedHeaderNames(_ request: SigV4HTTPRequest, _ form: Form) -> [String] {
        let list = form == .header
            ? authorizationField(request.header("Authorization") ?? "", "SignedHeaders")
            : queryParameter(request.rawQuery, "X-Amz-SignedHeaders")
        return (list ?? "").split(separator: ";").map(String.init)
    }

    /// The canonical request the verifier would compute (used to recognise changes that do not
    /// change what was signed).
    static func canonical(_ request: SigV4HTTPRequest, _ vector: VectorCase, _ form: Form) -> String {
        canonicalRequest(for: request, signedHeaders: signedHeaderNames(request, form),
                         payloadHash: request.header("x-amz-content-sha256") ?? sha256Hex(request.body),
                         normalizePath: vector.context.normalize, presigned: form == .query)
    }

    @Test("one-byte change to a signed header value", arguments: arguments)
    func signedHeaderValues(name: String, form: Form) throws {
        let vector = try VectorSuite.load(name)
        let request = try Self.signedRequest(vector, form)
        let signed = Set(Self.signedHeaderNames(request, form))
        var tried = 0
        for (headerIndex, header) in request.headers.enumerated() where signed.contains(header.name.lowercased()) {
            for byteIndex in 0..<header.value.utf8.count {
                var tampered = request
                tampered.headers[headerIndex].value = Self.flip(header.value, at: byteIndex)
                let result = verify(tampered, vector)
                let error = try #require(result.failure, "\(header.name) byte \(byteIndex) changed, still accepted")
                let isDate = header.name.lowercased() == "x-amz-date"
                if isDate, epoch(fromAmzDate: tampered.headers[headerIndex].value) == nil {
                    // No longer a date at all: refused before the signature is looked at.
                    #expect(error.code == SigV4Error.incompleteSignatureCode)
                } else {
                    #expect(error.code == SigV4Error.invalidSignatureCode,
                            "\(header.name) byte \(byteIndex): \(error)")
                }
                tried += 1
            }
        }
        #expect(tried > 0)
    }

    @Test("one-byte change to the body", arguments: arguments)
    func body(name: String, form: Form) throws {
        let vector = try VectorSuite.load(name)
        let request = try Self.signedRequest(vector, form)
        // Requests without a body: adding one byte is the smallest change.
        let bodies: [[UInt8]] = request.body.isEmpty
            ? [[0x61]]
            : request.body.indices.map { i in var b = request.body; b[i] ^= 0x01; return b }
        for body in bodies {
            var tampered = request
            tampered.body = body
            #expect(verify(tampered, vector).failure?.code == SigV4Error.invalidSignatureCode)
        }
    }

    @Test("one-byte change to the method", arguments: arguments)
    func method(name: String, form: Form) throws {
        let vector = try VectorSuite.load(name)
        let request = try Self.signedRequest(vector, form)
        for i in 0..<request.method.utf8.count {
            var tampered = request
            tampered.method = Self.flip(request.method, at: i)
            #expect(verify(tampered, vector).failure?.code == SigV4Error.invalidSignatureCode)
        }
    }

    @Test("one-byte change to the path", arguments: arguments)
    func path(name: String, form: Form) throws {
        let vector = try VectorSuite.load(name)
        let request = try Self.signedRequest(vector, form)
        let original = Self.canonical(request, vector, form)
        var refused = 0
        // Every byte flipped, plus one byte added (for "/", whose only flip, ".", is still "/").
        let paths = (0..<request.rawPath.utf8.count).map { Self.flip(request.rawPath, at: $0) } + [request.rawPath + "a"]
        for path in paths {
            var tampered = request
            tampered.rawPath = path
            let result = verify(tampered, vector)
            if Self.canonical(tampered, vector, form) == original {
                #expect(result.failure == nil, "path \(tampered.rawPath) normalizes like \(request.rawPath)")
            } else {
                #expect(result.failure?.code == SigV4Error.invalidSignatureCode, "path \(tampered.rawPath)")
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    @Test("one-byte change to the query", arguments: arguments)
    func query(name: String, form: Form) throws {
        let vector = try VectorSuite.load(name)
        var request = try Self.signedRequest(vector, form)
        if request.rawQuery.isEmpty {
            // Nothing to change; adding a parameter must be refused.
            request.rawQuery = "a=b"
            #expect(verify(request, vector).failure?.code == SigV4Error.invalidSignatureCode)
            return
        }
        // Byte ranges of the presigned authentication parameters, with the '&' on either side:
        // changing those can fail earlier checks (missing parameter, bad date, unknown
        // algorithm...) with other codes.
        var authRanges: [Range<Int>] = []
        var offset = 0
        for piece in request.rawQuery.split(separator: "&", omittingEmptySubsequences: false) {
            let length = piece.utf8.count
            if form == .query, piece.hasPrefix("X-Amz-") {  // (the signature value has its own test)
                authRanges.append(max(0, offset - 1)..<(offset + length + 1))
            }
            offset += length + 1
        }
        for i in 0..<request.rawQuery.utf8.count {
            var tampered = request
            tampered.rawQuery = Self.flip(request.rawQuery, at: i)
            let result = verify(tampered, vector)
            let error = try #require(result.failure, "query byte \(i) changed (\(tampered.rawQuery)), still accepted")
            if !authRanges.contains(where: { $0.contains(i) }) {
                #expect(error.code == SigV4Error.invalidSignatureCode, "query byte \(i): \(error)")
            }
        }
    }

    @Test("one-byte change to the signature", arguments: arguments)
    func signature(name: String, form: Form) throws {
        let vector = try VectorSuite.load(name)
        let request = try Self.signedRequest(vector, form)
        let expected = try vector.text(form == .header ? "header-signature.txt" : "query-signature.txt")
        for i in 0..<expected.utf8.count {
            var tampered = request
            let changed = Self.flip(expected, at: i)
            if form == .header {
                let index = try #require(tampered.headers.firstIndex { $0.name == "Authorization" })
                tampered.headers[index].value = tampered.headers[index].value
                    .replacingOccurrences(of: "Signature=" + expected, with: "Signature=" + changed)
            } else {
                tampered.rawQuery = tampered.rawQuery
                    .replacingOccurrences(of: "X-Amz-Signature=" + expected, with: "X-Amz-Signature=" + changed)
            }
            #expect(verify(tampered, vector).failure == .signatureDoesNotMatch)
        }
        // Upper-case hex is a different signature too (AWS compares the strings).
        var upper = request
        if form == .header {
            let index = try #require(upper.headers.firstIndex { $0.name == "Authorization" })
            upper.headers[index].value = upper.headers[index].value
                .replacingOccurrences(of: expected, with: expected.uppercased())
        } else {
            upper.rawQuery = upper.rawQuery.replacingOccurrences(of: expected, with: expected.uppercased())
        }
        #expect(verify(upper, vector).failure == .signatureDoesNotMatch)
    }

    @Test("one-byte change to the secret key", arguments: arguments)
    func secretKey(name: String, form: Form) throws {
        let vector = try VectorSuite.load(name)
        let request = try Self.signedRequest(vector, form)
        let secret = vector.context.credentials.secret_access_key
        for i in 0..<secret.utf8.count {
            var wrong = vector.secret
            wrong.secretAccessKey = Self.flip(secret, at: i)
            #expect(verify(request, vector, secret: wrong).failure == .signatureDoesNotMatch)
        }
    }
}
