import Identity

/// GetAccessKeyInfo: the account an access key id belongs to.
enum GetAccessKeyInfo: QueryOperation {
    static let name = "GetAccessKeyInfo"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let keyId = c.params["AccessKeyId"]
        var v = Validator()
        v.required(keyId, "accessKeyId")
        v.string(keyId, "accessKeyId", min: 16, max: 128, pattern: .accessKeyId)
        try v.check()
        return QueryPlan(checks: [QueryCheck("sts:GetAccessKeyInfo", "*")]) { done in
            guard case .valid(_, _, let principal) = c.directory.lookupCredential(keyId!, now: -Double.infinity) else {
                return done(.failure(.validation("The access key ID provided is invalid.")))
            }
            done(.success([.leaf("Account", principal.accountId)]))
        }
    }
}
