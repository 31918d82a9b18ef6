import Identity

enum ListGroupsForUser: QueryOperation {
    static let name = "ListGroupsForUser"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["UserName"], "userName", max: 128)
        try v.check()
        let user = c.params["UserName"]!
        return QueryPlan(checks: [QueryCheck("iam:ListGroupsForUser", IAMResource.user(try c.account(), user))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                let groups = try account.groups(forUser: user)
                let page = try Page.of(count: groups.count, params: c.params)
                return [.members("Groups", groups[page.range].map { IAMRender.group($0, account: account.id) })] + IAMRender.truncation(page)
            })
        }
    }
}
