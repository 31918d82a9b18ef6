import Identity

enum ListRoles: QueryOperation {
    static let name = "ListRoles"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["PathPrefix"], "pathPrefix", min: 1, max: 512, pattern: .pathPrefix)
        try v.check()
        let prefix = c.params["PathPrefix"] ?? "/"
        return QueryPlan(checks: [QueryCheck("iam:ListRoles", IAMResource.all("role", c.accountId))]) { done in
            done(Result { () throws(IdentityError) in
                let roles = try c.account().sortedRoles.filter { $0.path.hasPrefix(prefix) }
                let page = try Page.of(count: roles.count, params: c.params)
                return [.members("Roles", roles[page.range].map { IAMRender.role($0, account: c.accountId, detailed: false) })]
                    + IAMRender.truncation(page)
            })
        }
    }
}
