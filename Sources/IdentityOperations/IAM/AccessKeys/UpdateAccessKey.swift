import Identity

enum UpdateAccessKey: QueryOperation {
    static let name = "UpdateAccessKey"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let keyId = c.params["AccessKeyId"], status = c.params["Status"]
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        v.required(keyId, "accessKeyId")
        v.string(keyId, "accessKeyId", min: 16, max: 128, pattern: .accessKeyId)
        v.required(status, "status")
        v.oneOf(status, "status", ["Active", "Inactive", "Expired"])
        try v.check()
        guard let newStatus = AccessKey.Status(rawValue: status!) else {
            throw .invalidInput("Status must be Active or Inactive.")
        }
        let (userName, resource) = try AccessKeyOps.target(c)
        return QueryPlan(checks: [QueryCheck("iam:UpdateAccessKey", resource)]) { done in
            c.mutate(done, { account, _ in try account.updateAccessKey(userName: userName, keyId: keyId!, status: newStatus) }, render: { _ in nil })
        }
    }
}
