import IdentityOperations
import AuditTrail
import DynamoModel
import Identity
import KMS
import AWSBackup
import AppAutoScaling

/// The error a request ended in, as a value, and with it the protocol that answers it. An
/// endpoint hands it to `ErrorRendering.response` (the one place a failure becomes bytes; the
/// case picks the renderer), and the response carries it on, unrendered, to the audit record
/// and the access log — nobody reads an error back out of a body.
enum RequestFailure: Sendable {
    /// AWS JSON: DynamoDB and Streams (1.0), CloudTrail (1.1), `/_warden/` (plain JSON).
    case json(DynamoError, contentType: String)
    /// AWS Query (IAM, STS): an `<ErrorResponse>` document.
    case query(IdentityError, QueryService)
    /// REST-JSON (AWS Backup): `x-amzn-ErrorType: <Code>` and `{"Code": …, "Message": …}`.
    case restJSON(BackupError)

    static func json(_ error: DynamoError) -> RequestFailure { .json(error, contentType: "application/x-amz-json-1.0") }

    /// CloudTrail's errors are AWS JSON 1.1 under CloudTrail's own namespace, with `Message`.
    static func cloudTrail(_ error: CloudTrailError) -> RequestFailure {
        .json(DynamoError(code: error.code, message: error.message, httpStatus: error.httpStatus, namespace: .cloudTrail,
                          capitalizedMessageKey: true), contentType: "application/x-amz-json-1.1")
    }

    /// KMS's errors are AWS JSON 1.1 with the bare code as `__type`: `{"__type":
    /// "NotFoundException", "message": …}`.
    static func kms(_ error: KMSError) -> RequestFailure {
        .json(DynamoError(code: error.code, message: error.message, httpStatus: error.httpStatus,
                          namespace: .none), contentType: "application/x-amz-json-1.1")
    }

    /// Application Auto Scaling's errors are AWS JSON 1.1 with the bare code as `__type` and
    /// the shapes' `Message`: `{"__type": "ValidationException", "Message": …}`.
    static func scaling(_ error: ScalingError) -> RequestFailure {
        .json(DynamoError(code: error.code, message: error.message, httpStatus: error.httpStatus, namespace: .none,
                          capitalizedMessageKey: true), contentType: "application/x-amz-json-1.1")
    }

    /// The AWS error code (`ValidationException`, `AccessDenied`…).
    var code: String {
        switch self {
        case .json(let e, _): return e.code
        case .query(let e, _): return e.code
        case .restJSON(let e): return e.code
        }
    }

    /// The message as an audit record may show it (quoted values redacted).
    var recordedMessage: String? {
        switch self {
        case .json(let e, _): return e.recordedMessage
        case .query(let e, _): return e.message
        case .restJSON(let e): return e.message
        }
    }

    var httpStatus: Int {
        switch self {
        case .json(let e, _): return e.httpStatus
        case .query(let e, _): return e.httpStatus
        case .restJSON(let e): return e.httpStatus
        }
    }
}
