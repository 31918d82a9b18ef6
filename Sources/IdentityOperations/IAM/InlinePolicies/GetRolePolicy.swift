import Identity

enum GetRolePolicy: QueryOperation {
    static let name = "GetRolePolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.get(c, .role) }
}
