import Identity

/// GetCallerIdentity: needs no permission ("No permissions are required to perform this
/// operation"); answers with the caller's Arn, UserId and Account exactly as AWS shapes them.
enum GetCallerIdentity: QueryOperation {
    static let name = "GetCallerIdentity"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let principal = c.principal
        return QueryPlan(checks: []) { done in
            done(.success([.leaf("UserId", principal.userId), .leaf("Account", principal.accountId), .leaf("Arn", principal.arn)]))
        }
    }
}
