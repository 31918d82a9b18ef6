import Identity

enum ListAttachedGroupPolicies: QueryOperation {
    static let name = "ListAttachedGroupPolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.list(c, .group) }
}
