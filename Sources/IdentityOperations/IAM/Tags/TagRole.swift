import Identity

enum TagRole: QueryOperation {
    static let name = "TagRole"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try TagOps.tag(c, .role) }
}
