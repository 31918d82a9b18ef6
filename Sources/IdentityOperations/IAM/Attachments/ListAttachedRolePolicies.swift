import Identity

enum ListAttachedRolePolicies: QueryOperation {
    static let name = "ListAttachedRolePolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.list(c, .role) }
}
