// The values the verifier takes and gives back.

/// One HTTP request as it arrived, before any interpretation.
public struct SigV4HTTPRequest: Sendable {
    /// The request method, e.g. "POST".
    public var method: String
    /// The path exactly as received (percent-encoded, without '?' and the query), e.g. "/".
    public var rawPath: String
    /// Everything after the first '?', or "" when there is none.
    public var rawQuery: String
    /// The header fields as received: order kept, duplicates kept, original case.
    public var headers: [(name: String, value: String)]
    /// The request body.
    public var body: [UInt8]

    public init(method: String, rawPath: String, rawQuery: String,
                headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }
}

/// The secret half of a known access key.
public struct SigV4Secret: Sendable, Equatable {
    public var secretAccessKey: String
    /// The session token of temporary (STS) credentials; nil for long-term keys.
    public var sessionToken: String?

    public init(secretAccessKey: String, sessionToken: String? = nil) {
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// What the caller knows about an access key id.
public enum SigV4KeyLookup: Sendable, Equatable {
    /// A known key: the signature must verify against this secret.
    case secret(SigV4Secret)
    /// Not a key we know: UnrecognizedClientException.
    case unknown
    /// Temporary credentials past their expiry: ExpiredTokenException.
    case expired
    /// Permissive mode: accept the key without checking the signature (the request's format,
    /// date and credential scope are still checked).
    case acceptWithoutVerification
}

/// A request that passed the SigV4 checks.
public struct SigV4Authenticated: Sendable, Equatable {
    public var accessKeyId: String
    /// Region and service from the credential scope.
    public var region: String
    public var service: String
    /// The request time stamp as `YYYYMMDDTHHMMSSZ` (from X-Amz-Date, or the Date header).
    public var requestDate: String
    /// The signed header names, lower-cased, in the order the request listed them.
    public var signedHeaders: [String]
    /// The X-Amz-Security-Token the request carried (header or query), if any.
    public var sessionToken: String?
    /// True when authenticated by query parameters (a presigned URL).
    public var presigned: Bool
    /// False only when the key was accepted with `.acceptWithoutVerification`.
    public var verified: Bool

    public init(accessKeyId: String, region: String, service: String, requestDate: String,
                signedHeaders: [String], sessionToken: String?, presigned: Bool, verified: Bool) {
        self.accessKeyId = accessKeyId
        self.region = region
        self.service = service
        self.requestDate = requestDate
        self.signedHeaders = signedHeaders
        self.sessionToken = sessionToken
        self.presigned = presigned
        self.verified = verified
    }
}
