import Identity

// CreateRole, GetRole, ListRoles, DeleteRole, UpdateRole, UpdateRoleDescription,
// UpdateAssumeRolePolicy.

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

enum GetRole: QueryOperation {
    static let name = "GetRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:GetRole", IAMResource.role(try c.account(), name))]) { done in
            done(Result { () throws(IdentityError) in
                [.node("Role", IAMRender.role(try c.account().existingRole(name), account: c.accountId))]
            })
        }
    }
}

enum ListRoles: QueryOperation {
    static let name = "ListRoles"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["PathPrefix"], "pathPrefix", min: 1, max: 512, pattern: .pathPrefix)
        try v.check()
        let prefix = c.params["PathPrefix"] ?? "/"
        return QueryPlan(checks: [QueryCheck("iam:ListRoles", IAMResource.all("role", c.accountId))]) { done in
            done(Result { () throws(IdentityError) in
                let roles = try c.account().sortedRoles.filter { $0.path.hasPrefix(prefix) }
                let page = try Page.of(count: roles.count, params: c.params)
                return [.members("Roles", roles[page.range].map { IAMRender.role($0, account: c.accountId, detailed: false) })]
                    + IAMRender.truncation(page)
            })
        }
    }
}

enum DeleteRole: QueryOperation {
    static let name = "DeleteRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:DeleteRole", IAMResource.role(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.deleteRole(name: name) }, render: { _ in nil })
        }
    }
}

enum UpdateRole: QueryOperation {
    static let name = "UpdateRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let description = c.params["Description"]
        let maxSession = try c.params.int("MaxSessionDuration", member: "maxSessionDuration")
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        v.string(description, "description", max: 1000, pattern: .roleDescription)
        v.integer(maxSession, "maxSessionDuration", min: 3600, max: 43200)
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:UpdateRole", IAMResource.role(try c.account(), name))]) { done in
            c.mutate(done, { account, _ in try account.updateRole(name: name, description: description, maxSessionDuration: maxSession) },
                     render: { _ in [] })
        }
    }
}

enum UpdateRoleDescription: QueryOperation {
    static let name = "UpdateRoleDescription"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let description = c.params["Description"]
        var v = Validator()
        v.name(c.params["RoleName"], "roleName")
        v.required(description, "description")
        v.string(description, "description", max: 1000, pattern: .roleDescription)
        try v.check()
        let name = c.params["RoleName"]!
        return QueryPlan(checks: [QueryCheck("iam:UpdateRoleDescription", IAMResource.role(try c.account(), name))]) { done in
            c.mutate(done, { account, _ -> Role in
                try account.updateRole(name: name, description: description, maxSessionDuration: nil)
                return try account.existingRole(name)
            }, render: { role in [.node("Role", IAMRender.role(role, account: c.accountId))] })
        }
    }
}

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
