import Identity

// CreatePolicy, GetPolicy, DeletePolicy, ListPolicies, CreatePolicyVersion, GetPolicyVersion,
// ListPolicyVersions, DeletePolicyVersion, SetDefaultPolicyVersion. Customer managed
// policies of the caller's account; AWS managed policies (arn:aws:iam::aws:policy/…) can be
// read and attached.
enum ManagedPolicyOps {
    static func arnParam(_ c: QueryContext) throws(IdentityError) -> String {
        var v = Validator()
        v.arn(c.params["PolicyArn"], "policyArn")
        try v.check()
        return c.params["PolicyArn"]!
    }

    static func versionParam(_ c: QueryContext) throws(IdentityError) -> (arn: String, version: String) {
        var v = Validator()
        v.arn(c.params["PolicyArn"], "policyArn")
        v.required(c.params["VersionId"], "versionId")
        v.string(c.params["VersionId"], "versionId", pattern: .policyVersionId)
        try v.check()
        return (c.params["PolicyArn"]!, c.params["VersionId"]!)
    }

    /// An AWS managed policy's counts in one account.
    static func awsCounts(_ account: Account, _ arn: String) -> (Int, Int) {
        (account.attachmentCount(arn), account.boundaryUsageCount(arn))
    }
}
