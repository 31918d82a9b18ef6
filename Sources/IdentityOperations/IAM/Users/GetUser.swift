import Identity

enum GetUser: QueryOperation {
    static let name = "GetUser"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        try v.check()
        let account = try c.account()
        let principal = c.principal
        // Without UserName: the caller itself (the root is described by its account).
        guard let userName = c.params["UserName"] ?? principal.userName else {
            guard principal.isRoot else {
                throw .validation("Must specify userName when calling with non-User credentials")
            }
            return QueryPlan(checks: []) { done in
                done(.success([.node("User", [
                    .leaf("UserId", principal.accountId),
                    .leaf("Arn", principal.arn),
                    .leaf("CreateDate", IAMRender.date(0)),
                ])]))
            }
        }
        return QueryPlan(checks: [QueryCheck("iam:GetUser", IAMResource.user(account, userName))]) { done in
            done(Result { () throws(IdentityError) in
                [.node("User", IAMRender.user(try c.account().existingUser(userName), account: c.accountId))]
            })
        }
    }
}
