import Identity

enum GetRole: QueryOperation {
    static let name = "GetRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:GetRole", IAMResource.role(try c.account(), name))]) { done in
            done(Result { () throws(IdentityError) in
                [.node("Role", IAMRender.role(try c.account().existingRole(name), account: c.accountId))]
            })
        }
    }
}
