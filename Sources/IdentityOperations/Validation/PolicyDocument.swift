import AccessPolicy
import Identity

/// Parses a policy document as IAM would, with IAM's MalformedPolicyDocument text.
func parsePolicyDocument(_ text: String, kind: PolicyKind, requireCurrentVersion: Bool = false) throws(IdentityError) -> Policy {
    do {
        return try Policy.parse(text, kind: kind, requireCurrentVersion: requireCurrentVersion)
    } catch {
        throw .malformedPolicyDocument(error.message)
    }
}
