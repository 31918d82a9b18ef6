import Identity

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
