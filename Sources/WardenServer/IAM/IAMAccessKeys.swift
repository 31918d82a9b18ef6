import Identity

// CreateAccessKey, DeleteAccessKey, UpdateAccessKey, ListAccessKeys. Without UserName the
// caller's own keys: an IAM user's, or the account root's.

enum AccessKeyOps {
    /// The user whose keys an operation is about (nil: the root), and its ARN.
    static func target(_ c: QueryContext) throws(IdentityError) -> (userName: String?, resource: String) {
        if let name = c.params["UserName"] { return (name, IAMResource.user(try c.account(), name)) }
        let principal = c.principal
        switch principal.kind {
        case .root: return (nil, principal.arn)
        case .user: return (principal.userName, principal.arn)
        case .assumedRole: throw .validation("Must specify userName when calling with non-User credentials")
        }
    }

    static func metadata(_ key: AccessKey, userName: String?) -> [XML] {
        [
            .optional("UserName", userName),
            .leaf("AccessKeyId", key.id),
            .leaf("Status", key.status.rawValue),
            .leaf("CreateDate", IAMRender.date(key.createDate)),
        ]
    }
}

enum CreateAccessKey: QueryOperation {
    static let name = "CreateAccessKey"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        try v.check()
        let (userName, resource) = try AccessKeyOps.target(c)
        return QueryPlan(checks: [QueryCheck("iam:CreateAccessKey", resource)]) { done in
            c.mutate(done, { account, m in try account.createAccessKey(userName: userName, now: m.now) }, render: { key in
                [.node("AccessKey", [
                    .optional("UserName", userName),
                    .leaf("AccessKeyId", key.id),
                    .leaf("Status", key.status.rawValue),
                    .leaf("SecretAccessKey", key.secret),
                    .leaf("CreateDate", IAMRender.date(key.createDate)),
                ])]
            })
        }
    }
}

enum DeleteAccessKey: QueryOperation {
    static let name = "DeleteAccessKey"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let keyId = c.params["AccessKeyId"]
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        v.required(keyId, "accessKeyId")
        v.string(keyId, "accessKeyId", min: 16, max: 128, pattern: .accessKeyId)
        try v.check()
        let (userName, resource) = try AccessKeyOps.target(c)
        return QueryPlan(checks: [QueryCheck("iam:DeleteAccessKey", resource)]) { done in
            c.mutate(done, { account, _ in try account.deleteAccessKey(userName: userName, keyId: keyId!) }, render: { _ in nil })
        }
    }
}

enum UpdateAccessKey: QueryOperation {
    static let name = "UpdateAccessKey"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let keyId = c.params["AccessKeyId"], status = c.params["Status"]
        var v = Validator()
        v.string(c.params["UserName"], "userName", min: 1, max: 128, pattern: .name)
        v.required(keyId, "accessKeyId")
        v.string(keyId, "accessKeyId", min: 16, max: 128, pattern: .accessKeyId)
        v.required(status, "status")
        v.oneOf(status, "status", ["Active", "Inactive", "Expired"])
        try v.check()
        guard let newStatus = AccessKey.Status(rawValue: status!) else {
            throw .invalidInput("Status must be Active or Inactive.")
        }
        let (userName, resource) = try AccessKeyOps.target(c)
        return QueryPlan(checks: [QueryCheck("iam:UpdateAccessKey", resource)]) { done in
            c.mutate(done, { account, _ in try account.updateAccessKey(userName: userName, keyId: keyId!, status: newStatus) }, render: { _ in nil })
        }
    }
}

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
