import Identity

enum AttachRolePolicy: QueryOperation {
    static let name = "AttachRolePolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try AttachmentOps.change(c, .role, attach: true) }
}
