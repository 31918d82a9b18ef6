import Identity

enum PutRolePermissionsBoundary: QueryOperation {
    static let name = "PutRolePermissionsBoundary"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try BoundaryOps.prepare(c, .role, put: true) }
}
