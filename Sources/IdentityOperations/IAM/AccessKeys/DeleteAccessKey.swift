import Identity

enum DeleteAccessKey: QueryOperation {
    static let name = "DeleteAccessKey"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let keyId = c.params["AccessKeyId"]
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        v.required(keyId, "accessKeyId")
        v.string(keyId, "accessKeyId", min: 16, max: 128, pattern: .accessKeyId)
        try v.check()
        let (userName, resource) = try AccessKeyOps.target(c)
        return QueryPlan(checks: [QueryCheck("iam:DeleteAccessKey", resource)]) { done in
            c.mutate(done, { account, _ in try account.deleteAccessKey(userName: userName, keyId: keyId!) }, render: { _ in nil })
        }
    }
}
