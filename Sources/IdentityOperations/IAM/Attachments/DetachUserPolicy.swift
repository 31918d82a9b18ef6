import Identity

enum DetachUserPolicy: QueryOperation {
    static let name = "DetachUserPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .user, attach: false) }
}
