import Identity

enum ListRoleTags: QueryOperation {
    static let name = "ListRoleTags"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try TagOps.list(c, .role) }
}
