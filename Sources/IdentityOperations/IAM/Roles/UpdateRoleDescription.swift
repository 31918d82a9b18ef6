import Identity

enum UpdateRoleDescription: QueryOperation {
    static let name = "UpdateRoleDescription"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let description = c.params["Description"]
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        v.required(description, "description")
        v.string(description, "description", max: 1000, pattern: .roleDescription)
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:UpdateRoleDescription", IAMResource.role(try c.account(), name))]) { done in
            c.mutate(done, { account, _ -> Role in
                try account.updateRole(name: name, description: description, maxSessionDuration: nil)
                return try account.existingRole(name)
            }, render: { role in [.node("Role", IAMRender.role(role, account: c.accountId))] })
        }
    }
}
