import Identity

enum ListPolicyVersions: QueryOperation {
    static let name = "ListPolicyVersions"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let arn = try ManagedPolicyOps.arnParam(c)
        return QueryPlan(checks: [QueryCheck("iam:ListPolicyVersions", arn)]) { done in
            done(Result { () throws(IdentityError) in
                if let entry = AWSManagedPolicies.entry(arn: arn) {
                    let version = PolicyVersion(id: "v1", document: entry.document, createDate: AWSManagedPolicies.createDate)
                    return [.members("Versions", [IAMRender.version(version, isDefault: true, withDocument: false)]), .bool("IsTruncated", false)]
                }
                let policy = try c.account().existingPolicy(arn: arn)
                let versions = policy.versions.reversed().map { IAMRender.version($0, isDefault: $0.id == policy.defaultVersionId, withDocument: false) }
                let page = try Page.of(count: versions.count, params: c.params)
                return [.members("Versions", Array(versions[page.range]))] + IAMRender.truncation(page)
            })
        }
    }
}
