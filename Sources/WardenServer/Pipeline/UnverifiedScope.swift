import DynamoModel

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

    var accessKeyId: String { String(parts[0]) }
    var region: String? { parts.count > 2 ? String(parts[2]) : nil }
    /// The service, when the scope has all five parts.
    var service: String? { parts.count == 5 ? String(parts[3]) : nil }
}
