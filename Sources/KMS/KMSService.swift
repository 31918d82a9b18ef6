import DynamoModel
import DynamoStorage

/// The KMS service (AWS JSON 1.1, `X-Amz-Target: TrentService.<Operation>`): looks an
/// operation up, validates the request and returns it prepared — its authorization checks,
/// its CloudTrail parameters and its run. The server authorizes the checks (key policy
/// first) and then runs it; `persist` makes the run's change durable.
public final class KMSService: Sendable {
    public static let targetPrefix = "TrentService."
    public static let eventSource = "kms.amazonaws.com"
    /// The answer when a new key policy would lock the caller out.
    public static let lockoutMessage = "The new key policy will not allow you to update the key policy in the future."

    typealias Prepare = @Sendable (Params, KMSEnvironment) throws(KMSError) -> KMSPrepared

    static let operations: [String: Prepare] = [
        "CreateKey": CreateKey.prepare, "DescribeKey": DescribeKey.prepare, "ListKeys": ListKeys.prepare,
        "CreateAlias": CreateAlias.prepare, "DeleteAlias": DeleteAlias.prepare, "ListAliases": ListAliases.prepare,
        "EnableKey": EnableKey.prepare, "DisableKey": DisableKey.prepare,
        "ScheduleKeyDeletion": ScheduleKeyDeletion.prepare, "CancelKeyDeletion": CancelKeyDeletion.prepare,
        "TagResource": TagResource.prepare, "UntagResource": UntagResource.prepare, "ListResourceTags": ListResourceTags.prepare,
        "GetKeyPolicy": GetKeyPolicy.prepare, "PutKeyPolicy": PutKeyPolicy.prepare,
        "EnableKeyRotation": EnableKeyRotation.prepare, "DisableKeyRotation": DisableKeyRotation.prepare,
        "GetKeyRotationStatus": GetKeyRotationStatus.prepare,
        "Encrypt": Encrypt.prepare, "Decrypt": Decrypt.prepare, "ReEncrypt": ReEncrypt.prepare,
        "CreateGrant": CreateGrant.prepare, "ListGrants": ListGrants.prepare, "RetireGrant": RetireGrant.prepare,
        "RevokeGrant": RevokeGrant.prepare,
        "GenerateDataKey": GenerateDataKey.prepare, "GenerateDataKeyWithoutPlaintext": GenerateDataKeyWithoutPlaintext.prepare,
    ]

    /// Operations CloudTrail records as read-only.
    static let readOnly: Set<String> = [
        "DescribeKey", "ListKeys", "ListAliases", "ListResourceTags", "GetKeyPolicy", "GetKeyRotationStatus", "Encrypt", "Decrypt",
        "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ListGrants",
    ]

    public let keys: KeyStore

    public init(keys: KeyStore) {
        self.keys = keys
    }

    public static func isOperation(_ name: String) -> Bool { operations[name] != nil }
    public static func isReadOnly(_ name: String) -> Bool { readOnly.contains(name) }

    /// Validates `body` for operation `name` and returns it prepared.
    public func prepare(_ name: String, body: JSONValue, caller: KMSCaller) throws(KMSError) -> KMSPrepared {
        guard let prepare = Self.operations[name] else { throw .unknownOperation() }
        guard case .object = body else { throw .serialization() }
        var prepared = try prepare(Params(body), KMSEnvironment(store: keys, caller: caller, now: keys.clock.now()))
        prepared.auditParameters = AuditShape.request(name, body)
        return prepared
    }

    /// A request as CloudTrail's requestParameters show it (for requests that fail validation).
    public static func auditRequest(_ name: String, _ body: JSONValue) -> JSONValue { AuditShape.request(name, body) }

    /// A response as CloudTrail's responseElements show it (secrets left out).
    public static func auditResponse(_ body: JSONValue) -> JSONValue { AuditShape.shape(body) }

    /// Makes a run's change durable; `completion` gets the response body after the commit.
    public func persist(_ result: KMSResult, completion: @escaping @Sendable (Result<JSONValue, KMSError>) -> Void) {
        result.write.answer(result.body, failed: KMSError.internalFailure, completion)
    }
}
