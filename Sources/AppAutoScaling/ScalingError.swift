/// An Application Auto Scaling error (AWS JSON 1.1): rendered once by the server as
/// `{"__type": code, "Message": message}`, the exception shapes' `Message` member.
public struct ScalingError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public var httpStatus: Int

    public init(_ code: String, _ message: String, httpStatus: Int = 400) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    public static func validation(_ message: String) -> ScalingError { ScalingError("ValidationException", message) }
    public static func objectNotFound(_ message: String) -> ScalingError { ScalingError("ObjectNotFoundException", message) }
    public static func invalidNextToken() -> ScalingError { ScalingError("InvalidNextTokenException", "Invalid token") }
    public static func internalFailure(_ message: String) -> ScalingError { ScalingError("InternalServiceException", message, httpStatus: 500) }
    public static func unknownOperation() -> ScalingError { ScalingError("UnknownOperationException", "") }
    public static func serialization() -> ScalingError { ScalingError("SerializationException", "") }

    /// "Unsupported service namespace, resource type or scalable dimension" — a ResourceId that
    /// does not fit its ScalableDimension (or a namespace Warden does not scale).
    public static let unsupported = validation("Unsupported service namespace, resource type or scalable dimension")

    /// Coral's member constraint sentence(s): "1 validation error detected: Value 'x' at
    /// 'scalableDimension' failed to satisfy constraint: Member must satisfy enum value set: […]".
    public static func constraints(_ violations: [String]) -> ScalingError {
        let n = violations.count
        return validation("\(n) validation error\(n == 1 ? "" : "s") detected: " + violations.joined(separator: "; "))
    }

    static func violation(value: String?, member: String, _ constraint: String) -> String {
        "Value \(value.map { "'\($0)'" } ?? "null") at '\(member)' failed to satisfy constraint: \(constraint)"
    }
}
