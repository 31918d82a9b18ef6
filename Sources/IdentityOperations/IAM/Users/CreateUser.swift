import WardenSupport
import AccessPolicy
import Identity

enum CreateUser: QueryOperation {
    static let name = "CreateUser"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let userName = c.params["UserName"], path = c.params["Path"], boundary = c.params["PermissionsBoundary"]
        let tags = c.params.tags()
        var v = Validator()
        v.string(path, "path", min: 1, max: 512, pattern: .path)
        v.name(userName, "userName")
        v.arn(boundary, "permissionsBoundary", required: false)
        v.tags(tags)
        try v.check()
        let account = try c.account()
        var keys = IAMResource.tagKeys(tags ?? [])
        if let boundary { keys["iam:PermissionsBoundary"] = .single(boundary) }
        let name = userName!
        return QueryPlan(checks: [QueryCheck("iam:CreateUser", IAMResource.user(account, name, path: path), keys: keys)]) { done in
            c.mutate(done, { account, m in
                try account.createUser(name: name, path: path ?? "/", tags: tags ?? [], permissionsBoundary: boundary, now: m.now)
            }, render: { user in [.node("User", IAMRender.user(user, account: c.accountId))] })
        }
    }
}
