import Identity

/// Called exactly once with an operation's outcome: the members of its `…Result` element
/// (nil for actions without output), or its error.
package typealias QueryCompletion = @Sendable (Result<[XML]?, IdentityError>) -> Void

/// A validated request: what it needs to be allowed, and how to carry it out.
package struct QueryPlan: Sendable {
    package var checks: [QueryCheck]
    package var run: @Sendable (_ completion: @escaping QueryCompletion) -> Void

    package init(checks: [QueryCheck], run: @escaping @Sendable (_ completion: @escaping QueryCompletion) -> Void) {
        self.checks = checks
        self.run = run
    }
}
