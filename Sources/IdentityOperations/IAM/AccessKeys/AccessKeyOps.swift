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
