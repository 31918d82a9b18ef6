import Identity

enum SetDefaultPolicyVersion: QueryOperation {
    static let name = "SetDefaultPolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let (arn, versionId) = try ManagedPolicyOps.versionParam(c)
        return QueryPlan(checks: [QueryCheck("iam:SetDefaultPolicyVersion", arn)]) { done in
            c.mutate(done, { account, m in try account.setDefaultPolicyVersion(arn: arn, versionId: versionId, now: m.now) }, render: { _ in nil })
        }
    }
}
