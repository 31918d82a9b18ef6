import Identity

enum GetGroup: QueryOperation {
    static let name = "GetGroup"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["GroupName"], "groupName", max: 128)
        try v.check()
        let name = c.params["GroupName"]!
        return QueryPlan(checks: [QueryCheck("iam:GetGroup", IAMResource.group(try c.account(), name))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                let group = try account.existingGroup(name)
                let users = account.members(ofGroup: name)
                let page = try Page.of(count: users.count, params: c.params)
                return [.node("Group", IAMRender.group(group, account: account.id)),
                        .members("Users", users[page.range].map { IAMRender.user($0, account: account.id, withTags: false) })]
                    + IAMRender.truncation(page)
            })
        }
    }
}
