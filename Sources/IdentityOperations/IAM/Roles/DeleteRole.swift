import Identity

enum DeleteRole: QueryOperation {
    static let name = "DeleteRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:DeleteRole", IAMResource.role(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.deleteRole(name: name) }, render: { _ in nil })
        }
    }
}
