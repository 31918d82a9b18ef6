import Identity

enum DeleteUser: QueryOperation {
    static let name = "DeleteUser"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["UserName"], "userName", max: 128)
        try v.check()
        let name = c.params["UserName"]!
        return QueryPlan(checks: [QueryCheck("iam:DeleteUser", IAMResource.user(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.deleteUser(name: name) }, render: { _ in nil })
        }
    }
}
