import Identity

enum TagUser: QueryOperation {
    static let name = "TagUser"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try TagOps.tag(c, .user) }
}
