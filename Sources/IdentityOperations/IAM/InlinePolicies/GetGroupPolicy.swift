import Identity

enum GetGroupPolicy: QueryOperation {
    static let name = "GetGroupPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.get(c, .group) }
}
