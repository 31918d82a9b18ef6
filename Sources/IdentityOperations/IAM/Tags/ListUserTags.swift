import Identity

enum ListUserTags: QueryOperation {
    static let name = "ListUserTags"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try TagOps.list(c, .user) }
}
