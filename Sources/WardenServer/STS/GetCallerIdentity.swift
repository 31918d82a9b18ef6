import Identity

/// GetCallerIdentity: needs no permission ("No permissions are required to perform this
/// operation"); answers with the caller's Arn, UserId and Account exactly as AWS shapes them.
enum GetCallerIdentity: QueryOperation {
    static let name = "GetCallerIdentity"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let principal = c.principal
        return QueryPlan(checks: []) { done in
            done(.success([.leaf("UserId", principal.userId), .leaf("Account", principal.accountId), .leaf("Arn", principal.arn)]))
        }
    }
}

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

/// GetSessionToken: temporary credentials for the calling user (or root).
enum GetSessionToken: QueryOperation {
    static let name = "GetSessionToken"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let duration = try c.params.int("DurationSeconds", member: "durationSeconds")
        var v = Validator()
        v.integer(duration, "durationSeconds", min: 900, max: 129_600)
        v.string(c.params["SerialNumber"], "serialNumber", min: 9, max: 256)
        v.string(c.params["TokenCode"], "tokenCode", min: 6, max: 6)
        try v.check()
        let principal = c.principal
        return QueryPlan(checks: []) { done in
            c.directory.issueSessionToken(for: principal, durationSeconds: duration) { result in
                done(result.map { [STSRender.credentials($0)] })
            }
        }
    }
}
