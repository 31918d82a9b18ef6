import Identity

enum RemoveUserFromGroup: QueryOperation {
    static let name = "RemoveUserFromGroup"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try GroupMembership.prepare(c, add: false) }
}
