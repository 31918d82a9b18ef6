// Client-side signing, for the CLI, benchmarks and tests.

/// Signs requests the way the AWS SDKs do.
public enum SigV4Signer {
    /// Signs a request with an Authorization header.
    ///
    /// Every header in `headers` is signed (so pass only what the request will carry; `Host` must
    /// be among them), plus the X-Amz-Date header this adds, X-Amz-Security-Token when a token is
    /// given, and X-Amz-Content-Sha256 when `includeContentSha256`. `headers` must not already hold
    /// any of the headers returned.
    ///
    /// - Parameters:
    ///   - amzDate: the signing time, `YYYYMMDDTHHMMSSZ` (see `amzDate(fromEpoch:)`).
    ///   - normalizePath: normalize the path (true for every service but S3).
    ///   - payloadHash: what to sign as the payload hash instead of the body's SHA-256 (e.g.
    ///     "UNSIGNED-PAYLOAD"); also the X-Amz-Content-Sha256 value when `includeContentSha256`.
    /// - Returns: the headers to add: Authorization, X-Amz-Date, then X-Amz-Security-Token and
    ///   X-Amz-Content-Sha256 when applicable.
    public static func sign(method: String, rawPath: String, rawQuery: String, headers: [(name: String, value: String)],
                            body: [UInt8], accessKeyId: String, secretAccessKey: String, sessionToken: String?,
                            region: String, service: String, amzDate: String, includeContentSha256: Bool = false,
                            normalizePath: Bool = true, payloadHash: String? = nil) -> [(name: String, value: String)] {
        let payloadHash = payloadHash ?? sha256Hex(body)
        var added: [(name: String, value: String)] = [("X-Amz-Date", amzDate)]
        if let sessionToken { added.append(("X-Amz-Security-Token", sessionToken)) }
        if includeContentSha256 { added.append(("X-Amz-Content-Sha256", payloadHash)) }
        let allHeaders = headers + added
        let signedHeaders = signedHeaderNames(allHeaders)
        let scope = credentialScope(amzDate: amzDate, region: region, service: service)
        let canonical = canonicalRequest(method: method, rawPath: rawPath, rawQuery: rawQuery, headers: allHeaders,
                                         signedHeaders: signedHeaders, payloadHash: payloadHash,
                                         normalizePath: normalizePath)
        let toSign = stringToSign(requestDate: amzDate, credentialScope: scope, canonicalRequest: canonical)
        let key = signingKey(secretAccessKey: secretAccessKey, date: String(amzDate.prefix(8)),
                             region: region, service: service)
        let authorization = "\(sigV4Algorithm) Credential=\(accessKeyId)/\(scope), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature(signingKey: key, stringToSign: toSign))"
        return [("Authorization", authorization)] + added
    }

    /// Presigns a request (query-string authentication).
    ///
    /// Every header in `headers` is signed (`Host` must be among them). The payload hash is the
    /// body's SHA-256, or `payloadHash` when given (e.g. "UNSIGNED-PAYLOAD", which is then also sent
    /// as X-Amz-Content-Sha256).
    ///
    /// - Returns: the new raw query: `rawQuery` followed by X-Amz-Algorithm, X-Amz-Credential,
    ///   X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Security-Token (when given),
    ///   X-Amz-Content-Sha256 (when given) and finally X-Amz-Signature.
    public static func presign(method: String, rawPath: String, rawQuery: String, headers: [(name: String, value: String)],
                               body: [UInt8], accessKeyId: String, secretAccessKey: String, sessionToken: String?,
                               region: String, service: String, amzDate: String, expires: Int,
                               payloadHash: String? = nil, normalizePath: Bool = true) -> String {
        let scope = credentialScope(amzDate: amzDate, region: region, service: service)
        let signedHeaders = signedHeaderNames(headers)
        var parameters: [(String, String)] = [
            ("X-Amz-Algorithm", sigV4Algorithm),
            ("X-Amz-Credential", "\(accessKeyId)/\(scope)"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedHeaders.joined(separator: ";")),
        ]
        if let sessionToken { parameters.append(("X-Amz-Security-Token", sessionToken)) }
        if let payloadHash { parameters.append(("X-Amz-Content-Sha256", payloadHash)) }
        var query = rawQuery
        for (name, value) in parameters {
            if !query.isEmpty { query += "&" }
            query += uriEncode(name) + "=" + uriEncode(value)
        }
        let canonical = canonicalRequest(method: method, rawPath: rawPath, rawQuery: query, headers: headers,
                                         signedHeaders: signedHeaders, payloadHash: payloadHash ?? sha256Hex(body),
                                         normalizePath: normalizePath, presigned: true)
        let toSign = stringToSign(requestDate: amzDate, credentialScope: scope, canonicalRequest: canonical)
        let key = signingKey(secretAccessKey: secretAccessKey, date: String(amzDate.prefix(8)),
                             region: region, service: service)
        return query + "&X-Amz-Signature=" + signature(signingKey: key, stringToSign: toSign)
    }

    /// `YYYYMMDD/region/service/aws4_request`.
    public static func credentialScope(amzDate: String, region: String, service: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// The lower-cased, de-duplicated, sorted names of `headers`, without Authorization.
    static func signedHeaderNames(_ headers: [(name: String, value: String)]) -> [String] {
        var names = Set<String>()
        for header in headers {
            let name = header.name.lowercased()
            if name != "authorization" { names.insert(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
