import DynamoModel
import DynamoOperations

/// Decides an operation's authorization request for a caller. Every operation passes here
/// before it runs; the outcome of every check, with its trace, goes to the decision log.
public final class Authorizer: Sendable {
    public struct Outcome: Sendable {
        public var checks: [DecisionLog.Check]
        /// The AccessDeniedException when any check is denied (batches and transactions are
        /// denied as a whole).
        public var denial: DynamoError?
    }

    let log: DecisionLog

    init(log: DecisionLog) { self.log = log }

    func authorize(_ caller: Caller, _ request: AuthorizationRequest) -> Outcome {
        var outcome = Outcome(checks: [], denial: nil)
        for check in request.checks {
            if caller.isRoot && check.resourceAccount == caller.accountId {
                outcome.checks.append(DecisionLog.Check(action: check.action, resource: check.resource, outcome: "allow", message: nil,
                                                        explanation: "The account root user has full access to its own account's resources."))
                continue
            }
            let message = "User: \(caller.arn) is not authorized to perform: \(check.action) on resource: \(check.resource) because no identity-based policy allows the \(check.action) action"
            outcome.checks.append(DecisionLog.Check(action: check.action, resource: check.resource, outcome: "implicitDeny", message: message,
                                                    explanation: "No policy grants this caller access."))
            if outcome.denial == nil { outcome.denial = .accessDenied(message) }
        }
        return outcome
    }

    /// Authorizes and records the decision under the request id.
    func authorize(_ caller: Caller, _ request: AuthorizationRequest, requestId: String, operation: String, now: Double) -> DynamoError? {
        let outcome = authorize(caller, request)
        log.record(DecisionLog.Entry(requestId: requestId, callerArn: caller.arn, operation: operation, time: now, checks: outcome.checks))
        return outcome.denial
    }
}
