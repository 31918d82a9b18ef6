/// A CloudTrail API failure as data: the exception name (`__type`) and its message, rendered
/// once by the CloudTrail endpoint.
public struct CloudTrailError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public var httpStatus: Int

    public init(_ code: String, _ message: String, httpStatus: Int = 400) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    public static func trailNotFound(_ nameOrArn: String, account: String) -> CloudTrailError {
        CloudTrailError("TrailNotFoundException", "Unknown trail: \(nameOrArn) for the user: \(account)")
    }

    public static func trailAlreadyExists(_ name: String, account: String) -> CloudTrailError {
        CloudTrailError("TrailAlreadyExistsException", "Trail \(name) already exists for customer: \(account)")
    }

    public static func invalidTrailName(_ message: String) -> CloudTrailError {
        CloudTrailError("InvalidTrailNameException", message)
    }

    public static func invalidSelectors(_ message: String) -> CloudTrailError {
        CloudTrailError("InvalidEventSelectorsException", message)
    }

    /// A 500 `InternalFailure`, the common AWS error for a server-side fault.
    public static func internalFailure(_ message: String) -> CloudTrailError {
        CloudTrailError("InternalFailure", message, httpStatus: 500)
    }

    public static func invalidParameterCombination(_ message: String) -> CloudTrailError {
        CloudTrailError("InvalidParameterCombinationException", message)
    }

    public static func invalidLookupAttributes(_ message: String) -> CloudTrailError {
        CloudTrailError("InvalidLookupAttributesException", message)
    }

    public static func invalidParameter(_ message: String) -> CloudTrailError {
        CloudTrailError("InvalidParameterException", message)
    }

    public static func invalidS3Bucket(_ message: String) -> CloudTrailError {
        CloudTrailError("InvalidS3BucketNameException", message)
    }

    public static func invalidS3Prefix(_ message: String) -> CloudTrailError {
        CloudTrailError("InvalidS3PrefixException", message)
    }
}
