import Identity

enum ListGroupPolicies: QueryOperation {
    static let name = "ListGroupPolicies"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.list(c, .group) }
}
