import Identity

enum GetPolicy: QueryOperation {
    static let name = "GetPolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let arn = try ManagedPolicyOps.arnParam(c)
        return QueryPlan(checks: [QueryCheck("iam:GetPolicy", arn)]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                if let entry = AWSManagedPolicies.entry(arn: arn) {
                    let (attached, boundaries) = ManagedPolicyOps.awsCounts(account, arn)
                    return [.node("Policy", IAMRender.awsPolicy(entry, attachmentCount: attached, boundaryCount: boundaries))]
                }
                return [.node("Policy", IAMRender.policy(try account.existingPolicy(arn: arn), account: account))]
            })
        }
    }
}
