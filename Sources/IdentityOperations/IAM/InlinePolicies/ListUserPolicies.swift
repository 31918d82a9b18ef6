import Identity

enum ListUserPolicies: QueryOperation {
    static let name = "ListUserPolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.list(c, .user) }
}
