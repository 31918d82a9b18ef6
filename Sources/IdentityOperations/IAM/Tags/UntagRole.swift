import Identity

enum UntagRole: QueryOperation {
    static let name = "UntagRole"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try TagOps.untag(c, .role) }
}
