import Identity

enum ListRolePolicies: QueryOperation {
    static let name = "ListRolePolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.list(c, .role) }
}
