import Identity

enum DeleteUserPermissionsBoundary: QueryOperation {
    static let name = "DeleteUserPermissionsBoundary"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try BoundaryOps.prepare(c, .user, put: false) }
}
