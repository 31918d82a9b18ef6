import Identity

enum PutUserPermissionsBoundary: QueryOperation {
    static let name = "PutUserPermissionsBoundary"
    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan { try BoundaryOps.prepare(c, .user, put: true) }
}
