import Identity

enum ListPolicies: QueryOperation {
    static let name = "ListPolicies"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let scope = c.params["Scope"] ?? "All"
        var v = Validator()
        v.oneOf(scope, "scope", ["All", "AWS", "Local"])
        v.string(c.params["PathPrefix"], "pathPrefix", min: 1, max: 512, pattern: .pathPrefix)
        try v.check()
        let onlyAttached = c.params.bool("OnlyAttached") ?? false
        let prefix = c.params["PathPrefix"] ?? "/"
        return QueryPlan(checks: [QueryCheck("iam:ListPolicies", IAMResource.all("policy", c.accountId))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                var items: [[XML]] = []
                if scope != "Local" {
                    for entry in AWSManagedPolicies.all where entry.path.hasPrefix(prefix) {
                        let (attached, boundaries) = ManagedPolicyOps.awsCounts(account, entry.arn)
                        if onlyAttached && attached == 0 { continue }
                        items.append(IAMRender.awsPolicy(entry, attachmentCount: attached, boundaryCount: boundaries))
                    }
                }
                if scope != "AWS" {
                    for policy in account.sortedPolicies where policy.path.hasPrefix(prefix) {
                        if onlyAttached && account.attachmentCount(policy.arn(account: account.id)) == 0 { continue }
                        items.append(IAMRender.policy(policy, account: account, withTags: false))
                    }
                }
                let page = try Page.of(count: items.count, params: c.params)
                return [.members("Policies", Array(items[page.range]))] + IAMRender.truncation(page)
            })
        }
    }
}
