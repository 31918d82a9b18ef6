import Identity

enum AttachUserPolicy: QueryOperation {
    static let name = "AttachUserPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .user, attach: true) }
}
