import DynamoModel
import DynamoOperations

/// Decides an operation's authorization request for a caller. Every operation passes here
/// before it runs. Account roots may do anything in their own account.
public final class Authorizer: Sendable {
    public enum Decision: Sendable {
        case allow
        case deny(DynamoError)
    }

    func authorize(_ caller: Caller, _ request: AuthorizationRequest) -> Decision {
        for check in request.checks {
            if caller.isRoot && check.resourceAccount == caller.accountId { continue }
            return .deny(.accessDenied("User: \(caller.arn) is not authorized to perform: \(check.action) on resource: \(check.resource) because no identity-based policy allows the \(check.action) action"))
        }
        return .allow
    }
}
