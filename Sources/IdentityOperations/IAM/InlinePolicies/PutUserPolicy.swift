import Identity

enum PutUserPolicy: QueryOperation {
    static let name = "PutUserPolicy"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try InlinePolicyOps.put(c, .user) }
}
