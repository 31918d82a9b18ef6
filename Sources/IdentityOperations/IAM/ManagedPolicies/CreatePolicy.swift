import WardenSupport
import Identity

enum CreatePolicy: QueryOperation {
    static let name = "CreatePolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let p = c.params
        let path = p["Path"], document = p["PolicyDocument"], description = p["Description"]
        let tags = p.tags()
        var v = Validator()
        v.name(p["PolicyName"], "policyName", max: 128)
        v.string(path, "path", min: 1, max: 512, pattern: .policyPath)
        v.document(document, "policyDocument")
        v.string(description, "description", max: 1000)
        v.tags(tags)
        try v.check()
        _ = try parsePolicyDocument(document!, kind: .identity, requireCurrentVersion: true)
        let name = p["PolicyName"]!
        let arn = "arn:aws:iam::\(c.accountId):policy\(path ?? "/")\(name)"
        return QueryPlan(checks: [QueryCheck("iam:CreatePolicy", arn, keys: IAMResource.tagKeys(tags ?? []))]) { done in
            c.mutate(done, { account, m -> [XML] in
                let policy = try account.createPolicy(name: name, path: path ?? "/", document: document!, description: description,
                                                      tags: tags ?? [], now: m.now)
                return [.node("Policy", IAMRender.policy(policy, account: account))]
            }, render: { $0 })
        }
    }
}
