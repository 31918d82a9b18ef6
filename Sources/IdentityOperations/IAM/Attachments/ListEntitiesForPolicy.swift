import Identity

enum ListEntitiesForPolicy: QueryOperation {
    static let name = "ListEntitiesForPolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let arn = try ManagedPolicyOps.arnParam(c)
        let filter = c.params["EntityFilter"]
        var v = Validator()
        v.oneOf(filter, "entityFilter", ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"])
        try v.check()
        return QueryPlan(checks: [QueryCheck("iam:ListEntitiesForPolicy", arn)]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                guard account.isAttachable(arn) else { throw .noSuchPolicy(arn) }
                let groups = filter == nil || filter == "Group" ? account.sortedGroups.filter { $0.attachedPolicyArns.contains(arn) } : []
                let users = filter == nil || filter == "User" ? account.sortedUsers.filter { $0.attachedPolicyArns.contains(arn) } : []
                let roles = filter == nil || filter == "Role" ? account.sortedRoles.filter { $0.attachedPolicyArns.contains(arn) } : []
                return [
                    .members("PolicyGroups", groups.map { [.leaf("GroupName", $0.name), .leaf("GroupId", $0.id)] }),
                    .members("PolicyUsers", users.map { [.leaf("UserName", $0.name), .leaf("UserId", $0.id)] }),
                    .members("PolicyRoles", roles.map { [.leaf("RoleName", $0.name), .leaf("RoleId", $0.id)] }),
                    .bool("IsTruncated", false),
                ]
            })
        }
    }
}
