import Identity

enum DeleteRolePolicy: QueryOperation {
    static let name = "DeleteRolePolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.delete(c, .role) }
}
