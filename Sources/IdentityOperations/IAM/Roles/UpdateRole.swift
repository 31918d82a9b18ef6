import Identity

enum UpdateRole: QueryOperation {
    static let name = "UpdateRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let description = c.params["Description"]
        let maxSession = try c.params.int("MaxSessionDuration", member: "maxSessionDuration")
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        v.string(description, "description", max: 1000, pattern: .roleDescription)
        v.integer(maxSession, "maxSessionDuration", min: 3600, max: 43200)
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:UpdateRole", IAMResource.role(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.updateRole(name: name, description: description, maxSessionDuration: maxSession) },
                     render: { _ in [] })
        }
    }
}
