import Identity

enum UntagUser: QueryOperation {
    static let name = "UntagUser"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try TagOps.untag(c, .user) }
}
