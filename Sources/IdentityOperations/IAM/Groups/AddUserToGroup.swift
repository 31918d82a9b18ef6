import Identity

enum AddUserToGroup: QueryOperation {
    static let name = "AddUserToGroup"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try GroupMembership.prepare(c, add: true) }
}
