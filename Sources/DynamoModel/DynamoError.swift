/// Every failure a request can end in, as data: the AWS error code, its message, the HTTP
/// status and the `__type` namespace. Rendered to the wire in exactly one place
/// (`DynamoError.body`), whatever module raised it.
public struct DynamoError: Error, Sendable, Equatable {
    public enum Namespace: String, Sendable {
        /// `com.amazonaws.dynamodb.v20120810#` — DynamoDB's own exceptions.
        case dynamodb = "com.amazonaws.dynamodb.v20120810#"
        /// `com.amazon.coral.service#` — the service framework's (auth, serialization, unknown op).
        case coralService = "com.amazon.coral.service#"
        /// `com.amazon.coral.validate#` — request validation.
        case coralValidate = "com.amazon.coral.validate#"
        /// `com.amazonaws.cloudtrail.v20131101#` — CloudTrail's exceptions (AWS JSON 1.1).
        case cloudTrail = "com.amazonaws.cloudtrail.v20131101#"
        /// No prefix (used by other protocols that render their own envelopes).
        case none = ""
    }

    public var code: String
    public var message: String?
    public var httpStatus: Int
    public var namespace: Namespace
    /// Capitalised "Message" as some coral-framework errors use it; "message" otherwise.
    public var capitalizedMessageKey: Bool
    /// Additional members (CancellationReasons, Item …).
    public var extra: [(String, JSONValue)]
    /// The message as audit records show it, when the wire message quotes a value the caller
    /// sent (a number's text, a set's members, a blob): the same words with each quoted value
    /// replaced by `***(Redacted)`, the marker CloudTrail puts in place of DynamoDB values
    /// (PartiQL literals). Records promise key values only; error texts are no way around it.
    public var redactedMessage: String?

    public init(code: String, message: String?, httpStatus: Int = 400, namespace: Namespace = .dynamodb,
                capitalizedMessageKey: Bool = false, extra: [(String, JSONValue)] = [], redactedMessage: String? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.namespace = namespace
        self.capitalizedMessageKey = capitalizedMessageKey
        self.extra = extra
        self.redactedMessage = redactedMessage
    }

    /// CloudTrail's stand-in for a value left out of a record.
    public static let redactionMarker = "***(Redacted)"

    /// The message an audit record carries: `redactedMessage` when the message quotes values.
    public var recordedMessage: String? { redactedMessage ?? message }

    public static func == (a: DynamoError, b: DynamoError) -> Bool {
        a.code == b.code && a.message == b.message && a.httpStatus == b.httpStatus && a.namespace == b.namespace
            && JSONValue.object(a.extra) == JSONValue.object(b.extra)
    }

    /// The `__type` member.
    public var typeName: String { namespace.rawValue + code }

    /// The error body in AWS's JSON 1.0 shape.
    public var body: JSONValue {
        var members: [(String, JSONValue)] = [("__type", .string(typeName))]
        if let message { members.append((capitalizedMessageKey ? "Message" : "message", .string(message))) }
        members.append(contentsOf: extra)
        return .object(members)
    }
}

extension DynamoError {
    public static func validation(_ message: String, redacted: String? = nil) -> DynamoError {
        DynamoError(code: "ValidationException", message: message, namespace: .coralValidate, redactedMessage: redacted)
    }

    public static func serialization(_ message: String?, redacted: String? = nil) -> DynamoError {
        DynamoError(code: "SerializationException", message: message, namespace: .coralService, capitalizedMessageKey: true,
                    redactedMessage: redacted)
    }

    public static func unknownOperation() -> DynamoError {
        DynamoError(code: "UnknownOperationException", message: nil, namespace: .coralService)
    }

    public static func resourceNotFound(_ message: String = "Requested resource not found") -> DynamoError {
        DynamoError(code: "ResourceNotFoundException", message: message)
    }

    public static func tableNotFound(_ name: String) -> DynamoError {
        resourceNotFound("Requested resource not found: Table: \(name) not found")
    }

    public static func resourceInUse(_ message: String) -> DynamoError {
        DynamoError(code: "ResourceInUseException", message: message)
    }

    public static func conditionalCheckFailed(item: JSONValue? = nil) -> DynamoError {
        var extra: [(String, JSONValue)] = []
        if let item { extra.append(("Item", item)) }
        return DynamoError(code: "ConditionalCheckFailedException", message: "The conditional request failed", extra: extra)
    }

    public static func limitExceeded(_ message: String) -> DynamoError {
        DynamoError(code: "LimitExceededException", message: message)
    }

    public static func accessDenied(_ message: String) -> DynamoError {
        DynamoError(code: "AccessDeniedException", message: message, namespace: .coralService, capitalizedMessageKey: true)
    }

    public static func internalFailure(_ message: String = "The server encountered an internal error trying to fulfill the request.") -> DynamoError {
        DynamoError(code: "InternalServerError", message: message, httpStatus: 500)
    }

    /// A body over the server's limit (16 MB, as DynamoDB's; `ServerLimits.maxBodyBytes`).
    public static func requestTooLarge(limit: Int = 16_777_216) -> DynamoError {
        DynamoError(code: "RequestEntityTooLarge", message: "Request payload size exceeds the limit of \(limit) bytes.", httpStatus: 413,
                    namespace: .coralService)
    }

    /// The server cannot take the request now (a resource limit of the server's own); retryable.
    public static func serviceUnavailable(_ message: String) -> DynamoError {
        DynamoError(code: "ServiceUnavailableException", message: message, httpStatus: 503, namespace: .coralService)
    }
}
