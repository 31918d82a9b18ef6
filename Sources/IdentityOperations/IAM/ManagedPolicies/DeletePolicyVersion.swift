import Identity

enum DeletePolicyVersion: QueryOperation {
    static let name = "DeletePolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let (arn, versionId) = try ManagedPolicyOps.versionParam(c)
        return QueryPlan(checks: [QueryCheck("iam:DeletePolicyVersion", arn)]) { done in
            c.mutate(done, { account, _ in try account.deletePolicyVersion(arn: arn, versionId: versionId) }, render: { _ in nil })
        }
    }
}
