import Identity

/// An IAM or STS API operation: validates its parameters (AWS's ValidationError texts) and
/// declares its authorization before anything runs.
package protocol QueryOperation: SendableMetatype {
    static var name: String { get }
    /// Operations that take unsigned requests (AssumeRoleWithWebIdentity).
    static var allowsAnonymous: Bool { get }
    static func prepare(_ context: QueryContext) throws(IdentityError) -> QueryPlan
}

extension QueryOperation {
    package static var allowsAnonymous: Bool { false }
}
