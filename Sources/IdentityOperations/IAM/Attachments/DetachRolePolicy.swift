import Identity

enum DetachRolePolicy: QueryOperation {
    static let name = "DetachRolePolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .role, attach: false) }
}
