import Identity

// Put/Get/Delete/List{User,Group,Role}Policy: inline policies. Documents are validated with
// the AccessPolicy parser (IAM's MalformedPolicyDocument texts) and returned URL-encoded.
enum InlinePolicyOps {
    static func names(_ kind: PolicyHolderKind) -> (param: String, member: String, noun: String, max: Int) {
        switch kind {
        case .user: return ("UserName", "userName", "User", 128)
        case .group: return ("GroupName", "groupName", "Group", 128)
        case .role: return ("RoleName", "roleName", "Role", 64)
        }
    }

    static func put(_ c: QueryContext, _ kind: PolicyHolderKind) throws(IdentityError) -> QueryPlan {
        let n = names(kind)
        let document = c.params["PolicyDocument"]
        var v = Validator()
        v.name(c.params[n.param], n.member, max: n.max)
        v.name(c.params["PolicyName"], "policyName", max: 128)
        v.document(document, "policyDocument")
        try v.check()
        _ = try parsePolicyDocument(document!, kind: .identity)
        let entity = c.params[n.param]!, policyName = c.params["PolicyName"]!
        return QueryPlan(checks: [QueryCheck("iam:Put\(n.noun)Policy", IAMResource.holder(kind, try c.account(), entity))]) { done in
            c.mutate(done, { account, _ in
                try account.putInlinePolicy(kind, entity: entity, policyName: policyName, document: document!)
            }, render: { _ in nil })
        }
    }

    static func get(_ c: QueryContext, _ kind: PolicyHolderKind) throws(IdentityError) -> QueryPlan {
        let n = names(kind)
        var v = Validator()
        v.name(c.params[n.param], n.member, max: n.max)
        v.name(c.params["PolicyName"], "policyName", max: 128)
        try v.check()
        let entity = c.params[n.param]!, policyName = c.params["PolicyName"]!
        return QueryPlan(checks: [QueryCheck("iam:Get\(n.noun)Policy", IAMResource.holder(kind, try c.account(), entity))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                let policy = try account.inlinePolicy(kind, entity: entity, policyName: policyName)
                let entityName: String
                switch kind {
                case .user: entityName = try account.existingUser(entity).name
                case .group: entityName = try account.existingGroup(entity).name
                case .role: entityName = try account.existingRole(entity).name
                }
                return [.leaf(n.param, entityName), .leaf("PolicyName", policy.name),
                        .leaf("PolicyDocument", IAMRender.encodeDocument(policy.document))]
            })
        }
    }

    static func delete(_ c: QueryContext, _ kind: PolicyHolderKind) throws(IdentityError) -> QueryPlan {
        let n = names(kind)
        var v = Validator()
        v.name(c.params[n.param], n.member, max: n.max)
        v.name(c.params["PolicyName"], "policyName", max: 128)
        try v.check()
        let entity = c.params[n.param]!, policyName = c.params["PolicyName"]!
        return QueryPlan(checks: [QueryCheck("iam:Delete\(n.noun)Policy", IAMResource.holder(kind, try c.account(), entity))]) { done in
            c.mutate(done, { account, _ in try account.deleteInlinePolicy(kind, entity: entity, policyName: policyName) }, render: { _ in nil })
        }
    }

    static func list(_ c: QueryContext, _ kind: PolicyHolderKind) throws(IdentityError) -> QueryPlan {
        let n = names(kind)
        var v = Validator()
        v.name(c.params[n.param], n.member, max: n.max)
        try v.check()
        let entity = c.params[n.param]!
        return QueryPlan(checks: [QueryCheck("iam:List\(n.noun)Policies", IAMResource.holder(kind, try c.account(), entity))]) { done in
            done(Result { () throws(IdentityError) in
                let names = try c.account().policies(of: kind, entity).inline.map(\.name).sorted()
                let page = try Page.of(count: names.count, params: c.params)
                return [.stringMembers("PolicyNames", Array(names[page.range]))] + IAMRender.truncation(page)
            })
        }
    }
}
