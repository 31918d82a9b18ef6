import AccessPolicy
import Identity

// Attach/Detach{User,Group,Role}Policy, ListAttached{User,Group,Role}Policies,
// ListEntitiesForPolicy. The condition key iam:PolicyARN carries the policy being attached.

enum AttachmentOps {
    static func change(_ c: QueryContext, _ kind: PolicyHolderKind, attach: Bool) throws(IdentityError) -> QueryPlan {
        let n = InlinePolicyOps.names(kind)
        var v = Validator()
        v.name(c.params[n.param], n.member, max: kind == .group ? 128 : 64)
        v.arn(c.params["PolicyArn"], "policyArn")
        try v.check()
        let entity = c.params[n.param]!, arn = c.params["PolicyArn"]!
        var keys = ContextKeys()
        keys["iam:PolicyARN"] = .single(arn)
        let action = "iam:\(attach ? "Attach" : "Detach")\(n.noun)Policy"
        return QueryPlan(checks: [QueryCheck(action, IAMResource.holder(kind, try c.account(), entity), keys: keys)]) { done in
            c.mutate(done, { account, _ in
                if attach {
                    try account.attachPolicy(kind, entity: entity, policyArn: arn)
                } else {
                    try account.detachPolicy(kind, entity: entity, policyArn: arn)
                }
            }, render: { _ in nil })
        }
    }

    static func list(_ c: QueryContext, _ kind: PolicyHolderKind) throws(IdentityError) -> QueryPlan {
        let n = InlinePolicyOps.names(kind)
        var v = Validator()
        v.name(c.params[n.param], n.member, max: 128)
        v.string(c.params["PathPrefix"], "pathPrefix", min: 1, max: 512, pattern: .pathPrefix)
        try v.check()
        let entity = c.params[n.param]!
        let prefix = c.params["PathPrefix"] ?? "/"
        return QueryPlan(checks: [QueryCheck("iam:ListAttached\(n.noun)Policies", IAMResource.holder(kind, try c.account(), entity))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                let arns = try account.policies(of: kind, entity).attached.filter { (IAMArn($0)?.path ?? "/").hasPrefix(prefix) }
                let page = try Page.of(count: arns.count, params: c.params)
                return [.members("AttachedPolicies", arns[page.range].map { [.leaf("PolicyName", account.managedPolicyName($0)), .leaf("PolicyArn", $0)] })]
                    + IAMRender.truncation(page)
            })
        }
    }
}

enum AttachUserPolicy: QueryOperation {
    static let name = "AttachUserPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .user, attach: true) }
}

enum DetachUserPolicy: QueryOperation {
    static let name = "DetachUserPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .user, attach: false) }
}

enum ListAttachedUserPolicies: QueryOperation {
    static let name = "ListAttachedUserPolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.list(c, .user) }
}

enum AttachGroupPolicy: QueryOperation {
    static let name = "AttachGroupPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .group, attach: true) }
}

enum DetachGroupPolicy: QueryOperation {
    static let name = "DetachGroupPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .group, attach: false) }
}

enum ListAttachedGroupPolicies: QueryOperation {
    static let name = "ListAttachedGroupPolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.list(c, .group) }
}

enum AttachRolePolicy: QueryOperation {
    static let name = "AttachRolePolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .role, attach: true) }
}

enum DetachRolePolicy: QueryOperation {
    static let name = "DetachRolePolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .role, attach: false) }
}

enum ListAttachedRolePolicies: QueryOperation {
    static let name = "ListAttachedRolePolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.list(c, .role) }
}

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
