import Identity

enum ListAttachedUserPolicies: QueryOperation {
    static let name = "ListAttachedUserPolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.list(c, .user) }
}
