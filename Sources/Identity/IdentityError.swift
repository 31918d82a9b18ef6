/// A failed IAM or STS request, as data: the AWS error code (`NoSuchEntity`,
/// `EntityAlreadyExists`, `AccessDenied`...), IAM's message text and the HTTP status.
/// Rendered to the wire in one place (the server's Query-protocol error renderer).
public struct IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var httpStatus: Int
    /// `Sender` for client faults (every error here but ServiceFailure), `Receiver` otherwise.
    public var senderFault: Bool

    public init(code: String, message: String, httpStatus: Int, senderFault: Bool = true) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.senderFault = senderFault
    }

    public var description: String { "\(code): \(message)" }
}

// Codes and statuses follow IAM's and STS's API models (botocore's service-2.json: e.g.
// NoSuchEntity 404, EntityAlreadyExists 409, DeleteConflict 409, LimitExceeded 409,
// MalformedPolicyDocument 400, InvalidInput 400; STS: InvalidIdentityToken 400,
// ExpiredTokenException 400, IDPRejectedClaim 403). Message texts are IAM's as quoted in
// public reports and AWS's documentation; see each factory.
extension IdentityError {
    /// "The user with name bob cannot be found." (404)
    public static func noSuchEntity(_ message: String) -> IdentityError {
        IdentityError(code: "NoSuchEntity", message: message, httpStatus: 404)
    }

    public static func noSuchUser(_ name: String) -> IdentityError {
        .noSuchEntity("The user with name \(name) cannot be found.")
    }

    public static func noSuchRole(_ name: String) -> IdentityError {
        .noSuchEntity("The role with name \(name) cannot be found.")
    }

    public static func noSuchGroup(_ name: String) -> IdentityError {
        .noSuchEntity("The group with name \(name) cannot be found.")
    }

    /// Attach*/Put*PermissionsBoundary with an unknown policy.
    public static func policyNotAttachable(_ arn: String) -> IdentityError {
        .noSuchEntity("Policy \(arn) does not exist or is not attachable.")
    }

    /// GetPolicy/DeletePolicy/ListPolicyVersions... with an unknown policy.
    public static func noSuchPolicy(_ arn: String) -> IdentityError {
        .noSuchEntity("Policy \(arn) was not found.")
    }

    /// "User with name bob already exists." (409)
    public static func entityAlreadyExists(_ message: String) -> IdentityError {
        IdentityError(code: "EntityAlreadyExists", message: message, httpStatus: 409)
    }

    /// "Cannot delete entity, must delete access keys first." (409)
    public static func deleteConflict(_ message: String) -> IdentityError {
        IdentityError(code: "DeleteConflict", message: message, httpStatus: 409)
    }

    /// "Cannot exceed quota for AccessKeysPerUser: 2" (409)
    public static func limitExceeded(_ message: String) -> IdentityError {
        IdentityError(code: "LimitExceeded", message: message, httpStatus: 409)
    }

    public static func malformedPolicyDocument(_ message: String) -> IdentityError {
        IdentityError(code: "MalformedPolicyDocument", message: message, httpStatus: 400)
    }

    /// IAM's and STS's parameter validation ("1 validation error detected: ...").
    public static func validation(_ message: String) -> IdentityError {
        IdentityError(code: "ValidationError", message: message, httpStatus: 400)
    }

    public static func invalidInput(_ message: String) -> IdentityError {
        IdentityError(code: "InvalidInput", message: message, httpStatus: 400)
    }

    public static func accessDenied(_ message: String) -> IdentityError {
        IdentityError(code: "AccessDenied", message: message, httpStatus: 403)
    }

    public static func invalidIdentityToken(_ message: String) -> IdentityError {
        IdentityError(code: "InvalidIdentityToken", message: message, httpStatus: 400)
    }

    /// An expired web identity token (AssumeRoleWithWebIdentity); not expired credentials.
    public static func expiredWebIdentityToken(_ message: String) -> IdentityError {
        IdentityError(code: "ExpiredTokenException", message: message, httpStatus: 400)
    }

    public static func internalFailure(_ message: String = "An internal error occurred.") -> IdentityError {
        IdentityError(code: "ServiceFailure", message: message, httpStatus: 500, senderFault: false)
    }
}
