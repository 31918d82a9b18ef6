import Identity

enum ListAccessKeys: QueryOperation {
    static let name = "ListAccessKeys"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        try v.check()
        let (userName, resource) = try AccessKeyOps.target(c)
        return QueryPlan(checks: [QueryCheck("iam:ListAccessKeys", resource)]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                let keys = try account.accessKeys(userName: userName)
                let shownName = userName.map { try? account.existingUser($0).name } ?? nil
                let page = try Page.of(count: keys.count, params: c.params)
                return [.members("AccessKeyMetadata", keys[page.range].map { AccessKeyOps.metadata($0, userName: shownName) })]
                    + IAMRender.truncation(page)
            })
        }
    }
}
