import DynamoModel
import IdentityOperations

/// The `Credential=AKID/DATE/REGION/SERVICE/aws4_request` of a request, from its Authorization
/// header or presigned query, read without verifying anything: for routing (which service
/// the caller signed for) and for audit records of requests that fail before verification.
struct UnverifiedScope {
    /// The credential's `/`-separated parts, as sent (at least one).
    var parts: [Substring]

    init?(authorization: String?, query: String) {
        var credential: Substring?
        if let authorization, let range = authorization.utf8Range(of: "Credential=") {
            credential = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
        } else if let range = query.utf8Range(of: "X-Amz-Credential=") {
            credential = Substring(QueryParameters.decode(query[range.upperBound...].prefix { $0 != "&" }))
        }
        guard let credential, !credential.isEmpty else { return nil }
        parts = credential.split(separator: "/", omittingEmptySubsequences: false)
    }

    /// The access key as sent, cut to IAM's 128-character maximum (it is unverified).
    var accessKeyId: String { String(parts[0].prefix(128)) }
    /// The region, when it is a well-formed region name (lower-case letters, digits and
    /// inner hyphens, at most 64): an unverified one is written into records and, through a
    /// multi-region trail, into log file paths, so nothing else passes.
    var region: String? {
        guard parts.count > 2 else { return nil }
        let r = parts[2]
        guard !r.isEmpty, r.utf8.count <= 64, r.first != "-", r.last != "-",
              r.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else { return nil }
        return String(r)
    }
    /// The service, when the scope has all five parts.
    var service: String? { parts.count == 5 ? String(parts[3]) : nil }
}
