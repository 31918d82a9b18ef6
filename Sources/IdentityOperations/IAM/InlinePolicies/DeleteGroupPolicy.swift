import Identity

enum DeleteGroupPolicy: QueryOperation {
    static let name = "DeleteGroupPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.delete(c, .group) }
}
