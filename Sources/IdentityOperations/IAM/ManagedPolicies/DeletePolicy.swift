import Identity

enum DeletePolicy: QueryOperation {
    static let name = "DeletePolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let arn = try ManagedPolicyOps.arnParam(c)
        return QueryPlan(checks: [QueryCheck("iam:DeletePolicy", arn)]) { done in
            c.mutate(done, { account, _ in try account.deletePolicy(arn: arn) }, render: { _ in nil })
        }
    }
}
