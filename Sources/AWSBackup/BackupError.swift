/// An AWS Backup error: its exception name, message and HTTP status. AWS Backup speaks
/// REST-JSON: the server renders it once, as `x-amzn-ErrorType: <Code>` and a body
/// `{"Code": …, "Message": …}` (the members of the service model's exception shapes).
public struct BackupError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public var httpStatus: Int
    /// Further members some exceptions carry (AlreadyExistsException's `Arn`).
    public var extra: [String: String]

    public init(_ code: String, _ message: String, httpStatus: Int = 400, extra: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.extra = extra
    }

    public static func invalidParameter(_ message: String) -> BackupError { BackupError("InvalidParameterValueException", message) }
    public static func missingParameter(_ message: String) -> BackupError { BackupError("MissingParameterValueException", message) }
    public static func notFound(_ message: String) -> BackupError { BackupError("ResourceNotFoundException", message) }
    public static func invalidRequest(_ message: String) -> BackupError { BackupError("InvalidRequestException", message) }
    public static func alreadyExists(_ message: String, arn: String) -> BackupError {
        BackupError("AlreadyExistsException", message, extra: ["Arn": arn])
    }
    /// AWS Backup answers a request naming a vault that does not exist as it answers one the
    /// caller may not make: 403 AccessDeniedException (aws/aws-sdk-js#2625,
    /// hashicorp/terraform-provider-aws#26347).
    public static let vaultNotFound = BackupError("AccessDeniedException", "Insufficient privileges to perform this action.", httpStatus: 403)
    public static func accessDenied(_ message: String) -> BackupError { BackupError("AccessDeniedException", message, httpStatus: 403) }
    public static let planNotFound = notFound("Failed reading Backup plan with provided version")
    public static func serialization() -> BackupError { BackupError("SerializationException", "Unable to parse the request body as JSON") }
    public static func unknownOperation() -> BackupError { BackupError("UnknownOperationException", "", httpStatus: 404) }
    public static func internalFailure(_ message: String) -> BackupError { BackupError("ServiceUnavailableException", message, httpStatus: 503) }
}
