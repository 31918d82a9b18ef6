import Identity

// CreateGroup, GetGroup, ListGroups, DeleteGroup, AddUserToGroup, RemoveUserFromGroup,
// ListGroupsForUser.

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

enum DeleteGroup: QueryOperation {
    static let name = "DeleteGroup"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["GroupName"], "groupName", max: 128)
        try v.check()
        let name = c.params["GroupName"]!
        return QueryPlan(checks: [QueryCheck("iam:DeleteGroup", IAMResource.group(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.deleteGroup(name: name) }, render: { _ in nil })
        }
    }
}

/// AddUserToGroup and RemoveUserFromGroup.
enum GroupMembership {
    static func prepare(_ c: QueryContext, add: Bool) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["GroupName"], "groupName", max: 128)
        v.name(c.params["UserName"], "userName")
        try v.check()
        let group = c.params["GroupName"]!, user = c.params["UserName"]!
        let action = add ? "iam:AddUserToGroup" : "iam:RemoveUserFromGroup"
        return QueryPlan(checks: [QueryCheck(action, IAMResource.group(try c.account(), group))]) { done in
            c.mutate(done, { account, _ in
                if add {
                    try account.addUserToGroup(userName: user, groupName: group)
                } else {
                    try account.removeUserFromGroup(userName: user, groupName: group)
                }
            }, render: { _ in nil })
        }
    }
}

enum AddUserToGroup: QueryOperation {
    static let name = "AddUserToGroup"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try GroupMembership.prepare(c, add: true) }
}

enum RemoveUserFromGroup: QueryOperation {
    static let name = "RemoveUserFromGroup"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try GroupMembership.prepare(c, add: false) }
}

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
