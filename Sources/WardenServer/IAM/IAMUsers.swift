import AccessPolicy
import Identity

// CreateUser, GetUser, ListUsers, DeleteUser.

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

enum GetUser: QueryOperation {
    static let name = "GetUser"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        try v.check()
        let account = try c.account()
        let principal = c.principal
        // Without UserName: the caller itself (the root is described by its account).
        guard let userName = c.params["UserName"] ?? principal.userName else {
            guard principal.isRoot else {
                throw .validation("Must specify userName when calling with non-User credentials")
            }
            return QueryPlan(checks: []) { done in
                done(.success([.node("User", [
                    .leaf("UserId", principal.accountId),
                    .leaf("Arn", principal.arn),
                    .leaf("CreateDate", IAMRender.date(0)),
                ])]))
            }
        }
        return QueryPlan(checks: [QueryCheck("iam:GetUser", IAMResource.user(account, userName))]) { done in
            done(Result { () throws(IdentityError) in
                [.node("User", IAMRender.user(try c.account().existingUser(userName), account: c.accountId))]
            })
        }
    }
}

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

enum DeleteUser: QueryOperation {
    static let name = "DeleteUser"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["UserName"], "userName", max: 128)
        try v.check()
        let name = c.params["UserName"]!
        return QueryPlan(checks: [QueryCheck("iam:DeleteUser", IAMResource.user(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.deleteUser(name: name) }, render: { _ in nil })
        }
    }
}

extension Result where Failure == IdentityError {
    /// Runs a throwing body, keeping its typed error.
    init(_ body: () throws(IdentityError) -> Success) {
        do { self = .success(try body()) } catch { self = .failure(error) }
    }
}
