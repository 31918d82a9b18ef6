import Identity

enum CreateAccessKey: QueryOperation {
    static let name = "CreateAccessKey"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        try v.check()
        let (userName, resource) = try AccessKeyOps.target(c)
        return QueryPlan(checks: [QueryCheck("iam:CreateAccessKey", resource)]) { done in
            c.mutate(done, { account, m in try account.createAccessKey(userName: userName, now: m.now) }, render: { key in
                [.node("AccessKey", [
                    .optional("UserName", userName),
                    .leaf("AccessKeyId", key.id),
                    .leaf("Status", key.status.rawValue),
                    .leaf("SecretAccessKey", key.secret),
                    .leaf("CreateDate", IAMRender.date(key.createDate)),
                ])]
            })
        }
    }
}
