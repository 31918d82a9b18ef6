import Identity

enum GetUserPolicy: QueryOperation {
    static let name = "GetUserPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.get(c, .user) }
}
