// The errors a SigV4 check can end in, with DynamoDB's codes and texts.
//
// Sources for the texts (DynamoDB's JSON protocol, `__type` "com.amazon.coral.service#<code>"):
// - dynalite (architect/dynalite, index.js and test/connection.js) recorded DynamoDB's answers,
//   its check order and exact texts (incl. the Authorization=... suffix and HTTP 400);
// - scratchstack-aws-signature (dacut) reproduces the generic Coral texts (key=value pairs,
//   query-string parameters, 'Host' or ':authority', skew) with tests;
// - public bug reports quoting DynamoDB: "Credential should be scoped to a valid region, not
//   'us-east-2'. " (aws-sdk-js #4002, 3mcloud/falcano #47), "Credential should be scoped to correct
//   service: 'dynamodb'. " (arnemolland/sigv4 #15), InvalidSignatureException with HTTP 400.
// DynamoDB answers every one of these with HTTP 400 (its error-handling page lists
// IncompleteSignature, MissingAuthenticationToken and UnrecognizedClient under 400; dynalite's
// tests assert 400), unlike most other JSON services, which use 403 for signature errors.

/// A refused request: the DynamoDB error `code` (e.g. "InvalidSignatureException"), its
/// `message`, and the HTTP status to answer with.
public struct SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var httpStatus: Int

    public init(code: String, message: String, httpStatus: Int = 400) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String { "\(code): \(message)" }

    // MARK: Codes

    public static let missingAuthenticationTokenCode = "MissingAuthenticationTokenException"
    public static let incompleteSignatureCode = "IncompleteSignatureException"
    public static let invalidSignatureCode = "InvalidSignatureException"
    public static let unrecognizedClientCode = "UnrecognizedClientException"
    public static let expiredTokenCode = "ExpiredTokenException"

    // MARK: Fixed texts

    static let signatureMismatchText =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

    /// No `Authorization` header (or one not starting with "AWS4-") and no presigned parameters.
    public static let missingAuthenticationToken = SigV4Error(
        code: missingAuthenticationTokenCode, message: "Request is missing Authentication Token")

    /// The signature does not verify. DynamoDB used to append "The Canonical String for this request
    /// should have been ..." (seen in 2013-2017 reports); current DynamoDB sends just this text.
    public static let signatureDoesNotMatch = SigV4Error(code: invalidSignatureCode, message: signatureMismatchText)

    /// Unknown access key, or a session token that is missing, wrong, or not expected.
    public static let invalidSecurityToken = SigV4Error(
        code: unrecognizedClientCode, message: "The security token included in the request is invalid.")

    /// Temporary credentials past their expiry.
    public static let expiredSecurityToken = SigV4Error(
        code: expiredTokenCode, message: "The security token included in the request is expired")

    static func incompleteSignature(_ message: String) -> SigV4Error {
        SigV4Error(code: incompleteSignatureCode, message: message)
    }

    static func invalidSignature(_ message: String) -> SigV4Error {
        SigV4Error(code: invalidSignatureCode, message: message)
    }
}

/// The message texts, one function per rule, so tests and callers share one spelling.
enum SigV4Text {
    static func authorizationRequires(_ parameter: String) -> String {
        "Authorization header requires '\(parameter)' parameter."
    }

    static let authorizationRequiresDate =
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."

    static func notKeyValuePair(_ part: String, header: String) -> String {
        "'\(part)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'."
    }

    static func queryRequires(_ parameter: String) -> String {
        "AWS query-string parameters must include '\(parameter)'."
    }

    static let reexamineQuery = "Re-examine the query-string parameters."

    static func dateFormat(_ got: String) -> String {
        "Date must be in ISO-8601 'basic format'. Got '\(got)'. See http://en.wikipedia.org/wiki/ISO_8601"
    }

    static func signatureExpired(request: String, earliest: String, now: String, window: String) -> String {
        "Signature expired: \(request) is now earlier than \(earliest) (\(now) - \(window).)"
    }

    static func signatureNotYetCurrent(request: String, latest: String, now: String, window: String) -> String {
        "Signature not yet current: \(request) is still later than \(latest) (\(now) + \(window).)"
    }

    static let hostNotSigned = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."

    static func headerNotSigned(_ name: String) -> String {
        "'\(name)' must be a 'SignedHeader' in the AWS Authorization."
    }

    static func unsupportedAlgorithm(_ algorithm: String) -> String {
        "Unsupported AWS 'algorithm': '\(algorithm)' (only AWS4-HMAC-SHA256 for now). "
    }

    static func credentialParts(_ credential: String) -> String {
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(credential)'"
    }

    static func scopeRegion(_ region: String) -> String {
        "Credential should be scoped to a valid region, not '\(region)'. "
    }

    static func scopeService(_ expected: String) -> String {
        "Credential should be scoped to correct service: '\(expected)'. "
    }

    static func scopeTerminator(_ terminator: String) -> String {
        "Credential should be scoped with a valid terminator: 'aws4_request', not '\(terminator)'. "
    }

    static func scopeDate(_ scopeDate: String, expected: String, amzDate: String) -> String {
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(scopeDate)' != '\(expected)', from '\(amzDate)'."
    }

    static let expiresNotANumber = "X-Amz-Expires should be a number"
    static let expiresNegative = "X-Amz-Expires must be non-negative"
    static let expiresTooLarge =
        "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds"

    /// "15 min" for whole minutes, otherwise "N sec" (the form Coral prints its window in).
    static func window(seconds: Int) -> String {
        seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds) sec"
    }
}
