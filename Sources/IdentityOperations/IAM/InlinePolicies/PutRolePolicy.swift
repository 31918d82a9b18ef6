import Identity

enum PutRolePolicy: QueryOperation {
    static let name = "PutRolePolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.put(c, .role) }
}
