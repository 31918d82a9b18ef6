import Identity

enum AttachGroupPolicy: QueryOperation {
    static let name = "AttachGroupPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .group, attach: true) }
}
