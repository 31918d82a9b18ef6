import Identity

enum ListGroups: QueryOperation {
    static let name = "ListGroups"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["PathPrefix"], "pathPrefix", min: 1, max: 512, pattern: .pathPrefix)
        try v.check()
        let prefix = c.params["PathPrefix"] ?? "/"
        return QueryPlan(checks: [QueryCheck("iam:ListGroups", IAMResource.all("group", c.accountId))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                let groups = account.sortedGroups.filter { $0.path.hasPrefix(prefix) }
                let page = try Page.of(count: groups.count, params: c.params)
                return [.members("Groups", groups[page.range].map { IAMRender.group($0, account: account.id) })] + IAMRender.truncation(page)
            })
        }
    }
}
