import Identity

enum CreateGroup: QueryOperation {
    static let name = "CreateGroup"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let path = c.params["Path"]
        var v = Validator()
        v.string(path, "path", min: 1, max: 512, pattern: .path)
        v.name(c.params["GroupName"], "groupName", max: 128)
        try v.check()
        let name = c.params["GroupName"]!
        return QueryPlan(checks: [QueryCheck("iam:CreateGroup", IAMResource.group(try c.account(), name, path: path))]) { done in
            c.mutate(done, { account, m in try account.createGroup(name: name, path: path ?? "/", now: m.now) },
                     render: { group in [.node("Group", IAMRender.group(group, account: c.accountId))] })
        }
    }
}
