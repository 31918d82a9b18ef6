import Identity

enum CreatePolicyVersion: QueryOperation {
    static let name = "CreatePolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let document = c.params["PolicyDocument"]
        var v = Validator()
        v.arn(c.params["PolicyArn"], "policyArn")
        v.document(document, "policyDocument")
        try v.check()
        let arn = c.params["PolicyArn"]!
        _ = try parsePolicyDocument(document!, kind: .identity, requireCurrentVersion: true)
        let setAsDefault = c.params.bool("SetAsDefault") ?? false
        return QueryPlan(checks: [QueryCheck("iam:CreatePolicyVersion", arn)]) { done in
            c.mutate(done, { account, m in
                try account.createPolicyVersion(arn: arn, document: document!, setAsDefault: setAsDefault, now: m.now)
            }, render: { version in [.node("PolicyVersion", IAMRender.version(version, isDefault: setAsDefault, withDocument: false))] })
        }
    }
}
