import AccessPolicy
import Identity
import WardenSupport

/// What TagUser, UntagUser, ListUserTags, TagRole, UntagRole and ListRoleTags share.
enum TagOps {
    enum Target {
        case user, role

        var member: String { self == .user ? "userName" : "roleName" }
        var param: String { self == .user ? "UserName" : "RoleName" }
        var noun: String { self == .user ? "User" : "Role" }
    }

    static func resource(_ target: Target, _ account: Account, _ name: String) -> String {
        target == .user ? IAMResource.user(account, name) : IAMResource.role(account, name)
    }

    static func tag(_ c: QueryContext, _ target: Target) throws(IdentityError) -> QueryPlan {
        let tags = c.params.tags()
        var v = Validator()
        v.name(c.params[target.param], target.member, max: target == .user ? 128 : 64)
        v.required(tags.map { _ in "" }, "tags")
        v.tags(tags)
        try v.check()
        let name = c.params[target.param]!
        let action = "iam:Tag\(target.noun)"
        return QueryPlan(checks: [QueryCheck(action, resource(target, try c.account(), name), keys: IAMResource.tagKeys(tags ?? []))]) { done in
            c.mutate(done, { account, _ in
                if target == .user { try account.tagUser(name: name, tags: tags ?? []) } else { try account.tagRole(name: name, tags: tags ?? []) }
            }, render: { _ in nil })
        }
    }

    static func untag(_ c: QueryContext, _ target: Target) throws(IdentityError) -> QueryPlan {
        let keys = c.params.list("TagKeys")
        var v = Validator()
        v.name(c.params[target.param], target.member, max: target == .user ? 128 : 64)
        v.required(keys.map { _ in "" }, "tagKeys")
        v.tagKeys(keys)
        try v.check()
        let name = c.params[target.param]!
        return QueryPlan(checks: [QueryCheck("iam:Untag\(target.noun)", resource(target, try c.account(), name), keys: ContextKeysBuilder.tagKeys(keys ?? []))]) { done in
            c.mutate(done, { account, _ in
                if target == .user { try account.untagUser(name: name, keys: keys ?? []) } else { try account.untagRole(name: name, keys: keys ?? []) }
            }, render: { _ in nil })
        }
    }

    static func list(_ c: QueryContext, _ target: Target) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.name(c.params[target.param], target.member, max: target == .user ? 128 : 64)
        try v.check()
        let name = c.params[target.param]!
        return QueryPlan(checks: [QueryCheck("iam:List\(target.noun)Tags", resource(target, try c.account(), name))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                let tags = target == .user ? try account.existingUser(name).tags : try account.existingRole(name).tags
                let page = try Page.of(count: tags.count, params: c.params)
                return [IAMRender.tags(Array(tags[page.range]))] + IAMRender.truncation(page)
            })
        }
    }
}

enum ContextKeysBuilder {
    /// aws:TagKeys for an untag request.
    static func tagKeys(_ keys: [String]) -> ContextKeys {
        var out = ContextKeys()
        if !keys.isEmpty { out["aws:TagKeys"] = .multiple(keys) }
        return out
    }
}
