import Identity

enum DeleteUserPolicy: QueryOperation {
    static let name = "DeleteUserPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.delete(c, .user) }
}
