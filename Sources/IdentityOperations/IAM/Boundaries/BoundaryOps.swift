import WardenSupport
import AccessPolicy
import Identity

// Put/Delete{User,Role}PermissionsBoundary. The condition key iam:PermissionsBoundary
// carries the boundary being set.
enum BoundaryOps {
    static func prepare(_ c: QueryContext, _ kind: PolicyHolderKind, put: Bool) throws(IdentityError) -> QueryPlan {
        let n = InlinePolicyOps.names(kind)
        let boundary = c.params["PermissionsBoundary"]
        var v = Validator()
        v.name(c.params[n.param], n.member, max: kind == .user ? 128 : 64)
        if put { v.arn(boundary, "permissionsBoundary") }
        try v.check()
        let entity = c.params[n.param]!
        var keys = ContextKeys()
        if let boundary, put { keys["iam:PermissionsBoundary"] = .single(boundary) }
        let action = "iam:\(put ? "Put" : "Delete")\(n.noun)PermissionsBoundary"
        return QueryPlan(checks: [QueryCheck(action, IAMResource.holder(kind, try c.account(), entity), keys: keys)]) { done in
            c.mutate(done, { account, _ in
                switch (kind, put) {
                case (.user, true): try account.putUserPermissionsBoundary(name: entity, policyArn: boundary!)
                case (.user, false): try account.deleteUserPermissionsBoundary(name: entity)
                case (_, true): try account.putRolePermissionsBoundary(name: entity, policyArn: boundary!)
                case (_, false): try account.deleteRolePermissionsBoundary(name: entity)
                }
            }, render: { _ in nil })
        }
    }
}
