import Identity

enum ListUsers: QueryOperation {
    static let name = "ListUsers"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["PathPrefix"], "pathPrefix", min: 1, max: 512, pattern: .pathPrefix)
        try v.check()
        let prefix = c.params["PathPrefix"] ?? "/"
        return QueryPlan(checks: [QueryCheck("iam:ListUsers", IAMResource.all("user", c.accountId))]) { done in
            done(Result { () throws(IdentityError) in
                let users = try c.account().sortedUsers.filter { $0.path.hasPrefix(prefix) }
                let page = try Page.of(count: users.count, params: c.params)
                return [.members("Users", users[page.range].map { IAMRender.user($0, account: c.accountId, withTags: false) })]
                    + IAMRender.truncation(page)
            })
        }
    }
}
