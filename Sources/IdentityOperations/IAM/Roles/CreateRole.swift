import WardenSupport
import Identity

enum CreateRole: QueryOperation {
    static let name = "CreateRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let p = c.params
        let path = p["Path"], document = p["AssumeRolePolicyDocument"], description = p["Description"], boundary = p["PermissionsBoundary"]
        let tags = p.tags()
        let maxSession = try p.int("MaxSessionDuration", member: "maxSessionDuration")
        var v = Validator()
        v.string(path, "path", min: 1, max: 512, pattern: .path)
        v.name(p["RoleName"], "roleName")
        v.document(document, "assumeRolePolicyDocument")
        v.string(description, "description", max: 1000, pattern: .roleDescription)
        v.integer(maxSession, "maxSessionDuration", min: 3600, max: 43200)
        v.arn(boundary, "permissionsBoundary", required: false)
        v.tags(tags)
        try v.check()
        _ = try parsePolicyDocument(document!, kind: .trust)
        let name = p["RoleName"]!
        var keys = IAMResource.tagKeys(tags ?? [])
        if let boundary { keys["iam:PermissionsBoundary"] = .single(boundary) }
        return QueryPlan(checks: [QueryCheck("iam:CreateRole", IAMResource.role(try c.account(), name, path: path), keys: keys)]) { done in
            c.mutate(done, { account, m in
                try account.createRole(name: name, path: path ?? "/", trustPolicy: document!, description: description,
                                       maxSessionDuration: maxSession ?? 3600, tags: tags ?? [], permissionsBoundary: boundary, now: m.now)
            }, render: { role in [.node("Role", IAMRender.role(role, account: c.accountId, detailed: false) + [role.tags.isEmpty ? .empty : IAMRender.tags(role.tags)])] })
        }
    }
}
