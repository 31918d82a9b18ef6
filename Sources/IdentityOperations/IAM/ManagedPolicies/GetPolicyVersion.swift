import Identity

enum GetPolicyVersion: QueryOperation {
    static let name = "GetPolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let (arn, versionId) = try ManagedPolicyOps.versionParam(c)
        return QueryPlan(checks: [QueryCheck("iam:GetPolicyVersion", arn)]) { done in
            done(Result { () throws(IdentityError) in
                if let entry = AWSManagedPolicies.entry(arn: arn) {
                    guard versionId == "v1" else {
                        throw .noSuchEntity("Policy \(arn) version \(versionId) does not exist or is not attachable.")
                    }
                    let version = PolicyVersion(id: "v1", document: entry.document, createDate: AWSManagedPolicies.createDate)
                    return [.node("PolicyVersion", IAMRender.version(version, isDefault: true))]
                }
                let (version, isDefault) = try c.account().policyVersion(arn: arn, versionId: versionId)
                return [.node("PolicyVersion", IAMRender.version(version, isDefault: isDefault))]
            })
        }
    }
}
