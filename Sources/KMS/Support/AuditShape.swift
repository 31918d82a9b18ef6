import DynamoModel

/// KMS requests and responses as CloudTrail records them: member names with their first
/// letter lowered (`KeyId` → `keyId`, recursively), encryption contexts kept verbatim (their
/// keys are the caller's data), and secrets never recorded: plaintext, ciphertext and grant
/// tokens are left out.
enum AuditShape {
    static let secret: Set<String> = ["Plaintext", "CiphertextBlob", "GrantToken", "GrantTokens"]
    static let verbatim: Set<String> = [
        "EncryptionContext", "SourceEncryptionContext", "DestinationEncryptionContext", "EncryptionContextSubset",
        "EncryptionContextEquals",
    ]

    static func shape(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.filter { !secret.contains($0.0) }.map { name, member in
                (Params.member(name), verbatim.contains(name) ? member : shape(member))
            })
        case .array(let items):
            return .array(items.map(shape))
        default:
            return value
        }
    }

    /// requestParameters: the shaped request, with the encryption algorithm KMS records for
    /// Encrypt and Decrypt when the caller left it to the default.
    static func request(_ operation: String, _ body: JSONValue) -> JSONValue {
        guard case .object(var members) = shape(body) else { return .null }
        if ["Encrypt", "Decrypt"].contains(operation), !members.contains(where: { $0.0 == "encryptionAlgorithm" }) {
            members.append(("encryptionAlgorithm", "SYMMETRIC_DEFAULT"))
        }
        return .object(members)
    }
}
