import Identity

enum UpdateAssumeRolePolicy: QueryOperation {
    static let name = "UpdateAssumeRolePolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let document = c.params["PolicyDocument"]
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        v.document(document, "policyDocument")
        try v.check()
        _ = try parsePolicyDocument(document!, kind: .trust)
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:UpdateAssumeRolePolicy", IAMResource.role(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.updateAssumeRolePolicy(name: name, document: document!) }, render: { _ in nil })
        }
    }
}
