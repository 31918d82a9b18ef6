/// A KMS error: AWS's exception name, its message and HTTP status. Rendered on the wire in
/// one place (the server's KMS endpoint) as `{"__type": code, "message": message}`.
public struct KMSError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public var httpStatus: Int

    public init(_ code: String, _ message: String, httpStatus: Int = 400) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    /// "Key 'arn:aws:kms:…:key/…' does not exist"
    public static func keyNotFound(_ arn: String) -> KMSError { KMSError("NotFoundException", "Key '\(arn)' does not exist") }
    /// "Alias arn:aws:kms:…:alias/… is not found."
    public static func aliasNotFound(_ arn: String) -> KMSError { KMSError("NotFoundException", "Alias \(arn) is not found.") }
    /// A key identifier that is neither a key id, a key ARN, an alias name nor an alias ARN
    /// (or an alias where the operation takes only keys): "Invalid keyId foo".
    public static func invalidKeyId(_ id: String) -> KMSError { KMSError("NotFoundException", "Invalid keyId \(id)") }
    public static func disabled(_ arn: String) -> KMSError { KMSError("DisabledException", "\(arn) is disabled.") }
    public static func pendingDeletion(_ arn: String) -> KMSError { KMSError("KMSInvalidStateException", "\(arn) is pending deletion.") }
    public static func notPendingDeletion(_ arn: String) -> KMSError { KMSError("KMSInvalidStateException", "\(arn) is not pending deletion.") }
    /// AWS sends InvalidCiphertextException without a message.
    public static let invalidCiphertext = KMSError("InvalidCiphertextException", "")
    public static func validation(_ message: String) -> KMSError { KMSError("ValidationException", message) }
    public static func malformedPolicy(_ message: String) -> KMSError { KMSError("MalformedPolicyDocumentException", message) }
    public static func alreadyExists(_ message: String) -> KMSError { KMSError("AlreadyExistsException", message) }
    public static func unsupported(_ message: String) -> KMSError { KMSError("UnsupportedOperationException", message) }
    public static func invalidArn(_ message: String) -> KMSError { KMSError("InvalidArnException", message) }
    public static func invalidAliasName(_ message: String) -> KMSError { KMSError("InvalidAliasNameException", message) }
    public static func tag(_ message: String) -> KMSError { KMSError("TagException", message) }
    public static func invalidMarker() -> KMSError { KMSError("InvalidMarkerException", "Invalid marker") }
    public static func invalidGrantId(_ message: String) -> KMSError { KMSError("InvalidGrantIdException", message) }
    public static func invalidGrantToken(_ message: String) -> KMSError { KMSError("InvalidGrantTokenException", message) }
    public static func internalFailure(_ message: String) -> KMSError { KMSError("KMSInternalException", message, httpStatus: 500) }
    public static func unknownOperation() -> KMSError { KMSError("UnknownOperationException", "") }
    public static func serialization() -> KMSError { KMSError("SerializationException", "") }

    /// Coral's member-constraint sentence: "1 validation error detected: Value '6' at
    /// 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater
    /// than or equal to 7".
    public static func constraint(value: String?, member: String, _ constraint: String) -> KMSError {
        let shown = value.map { "'\($0)'" } ?? "null"
        return validation("1 validation error detected: Value \(shown) at '\(member)' failed to satisfy constraint: \(constraint)")
    }
}
