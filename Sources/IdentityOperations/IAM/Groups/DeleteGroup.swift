import Identity

enum DeleteGroup: QueryOperation {
    static let name = "DeleteGroup"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["GroupName"], "groupName", max: 128)
        try v.check()
        let name = c.params["GroupName"]!
        return QueryPlan(checks: [QueryCheck("iam:DeleteGroup", IAMResource.group(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.deleteGroup(name: name) }, render: { _ in nil })
        }
    }
}
