import WardenSupport
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
