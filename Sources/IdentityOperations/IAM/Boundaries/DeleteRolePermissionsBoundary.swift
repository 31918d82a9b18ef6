import Identity

enum DeleteRolePermissionsBoundary: QueryOperation {
    static let name = "DeleteRolePermissionsBoundary"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try BoundaryOps.prepare(c, .role, put: false) }
}
