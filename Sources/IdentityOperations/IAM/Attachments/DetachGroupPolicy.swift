import Identity

enum DetachGroupPolicy: QueryOperation {
    static let name = "DetachGroupPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .group, attach: false) }
}
