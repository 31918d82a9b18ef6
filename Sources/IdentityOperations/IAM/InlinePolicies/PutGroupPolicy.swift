import Identity

enum PutGroupPolicy: QueryOperation {
    static let name = "PutGroupPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.put(c, .group) }
}
