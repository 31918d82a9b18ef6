import AccessPolicy
import DynamoModel
import DynamoOperations
import Identity
import Synchronization

/// Decides an operation's authorization request for a caller with the AccessPolicy engine:
/// the caller's identity policies, boundary and session policies (from Identity), the
/// resource-based policy of the table (which covers its indexes) or stream, the SCPs of the
/// caller's account and the RCPs of the resource's account, and the request's condition
/// keys — the operation's own (dynamodb:LeadingKeys, Attributes, Select, ReturnValues …)
/// plus the global ones. Every check's decision and trace goes to the decision log; a batch
/// or transaction is denied as a whole when any of its checks is.
public final class Authorizer: Sendable {
    public struct Outcome: Sendable {
        public var checks: [DecisionLog.Check]
        public var denial: DynamoError?

        /// Keeps a check's decision, unless it repeats the one before word for word (a
        /// 25-item batch on one table is one line in the log, not 25 copies).
        mutating func note(_ check: DecisionLog.Check) {
            if checks.last != check { checks.append(check) }
        }
    }

    /// Where a request came from, for aws:SourceIp / aws:SecureTransport / aws:RequestedRegion.
    struct Origin: Sendable {
        var sourceIp: String
        var secureTransport: Bool
        var region: String
    }

    let directory: IdentityDirectory
    let catalog: Catalog
    let log: DecisionLog
    private let parsed = Mutex<[String: Policy]>([:])

    init(directory: IdentityDirectory, catalog: Catalog, log: DecisionLog) {
        self.directory = directory
        self.catalog = catalog
        self.log = log
    }

    /// The caller as the engine sees it (right principal type, role ARN for sessions).
    func principal(_ caller: Caller) -> PrincipalInfo {
        directory.policySet(for: caller.principal).principal
    }

    func authorize(_ caller: Caller, _ request: AuthorizationRequest, origin: Origin, now: Double) -> Outcome {
        var outcome = Outcome(checks: [], denial: nil)
        let scps = directory.serviceControlPolicies(forAccount: caller.accountId)
        // A batch's checks mostly name one table: look its facts up once.
        var facts: (resource: String, policy: AttachedPolicy?, tags: [DynamoModel.Tag])?
        var global: ContextKeys?  // the request's global keys, made at the first evaluation
        for check in request.checks {
            let factsResource = check.policyResource ?? check.resource
            if facts?.resource != factsResource {
                let (policy, tags) = resourceFacts(check)
                facts = (factsResource, policy, tags)
            }
            let resourcePolicy = facts?.policy, tags = facts?.tags ?? []
            // Fast path: a root in its own account, nothing that could deny it.
            if caller.isRoot && check.resourceAccount == caller.accountId && resourcePolicy == nil && scps.isEmpty
                && directory.resourceControlPolicies(forAccount: check.resourceAccount).isEmpty {
                outcome.note(DecisionLog.Check(action: check.action, resource: check.resource, outcome: "allow", message: nil,
                                               context: check.keys, explanation: "The account root user has full access to its own account's resources, and no resource-based policy, SCP or RCP applies."))
                continue
            }
            if global == nil { global = Authorizer.globalKeys(origin, now: now) }
            var keys = global!
            for (name, values) in check.keys { keys[name] = values.count == 1 ? .single(values[0]) : .multiple(values) }
            for tag in tags { keys["aws:ResourceTag/\(tag.key)"] = .single(tag.value) }
            let decision = directory.evaluate(caller.principal, Identity.AuthorizationCheck(
                action: check.action, resource: check.resource, resourceAccountId: check.resourceAccount,
                resourcePolicy: resourcePolicy, requestKeys: keys))
            let allowed = decision.outcome == .allow
            let message = allowed ? nil : decision.accessDeniedMessage
            outcome.note(DecisionLog.Check(action: check.action, resource: check.resource, outcome: "\(decision.outcome)",
                                           message: message, context: check.keys, trace: .decision(decision)))
            if let message, outcome.denial == nil { outcome.denial = .accessDenied(message) }
        }
        return outcome
    }

    /// Authorizes and records the decision under the request id; the AccessDenied to answer with, if any.
    func authorize(_ caller: Caller, _ request: AuthorizationRequest, origin: Origin, requestId: String, operation: String, now: Double) -> DynamoError? {
        let outcome = authorize(caller, request, origin: origin, now: now)
        log.record(DecisionLog.Entry(requestId: requestId, callerArn: caller.arn, operation: operation, time: now, checks: outcome.checks))
        return outcome.denial
    }

    /// The resource-based policy that applies to a check (the table's for the table and its
    /// indexes, the stream's for a stream) and the table's tags (aws:ResourceTag/*).
    func resourceFacts(_ check: DynamoOperations.AuthorizationCheck) -> (AttachedPolicy?, [DynamoModel.Tag]) {
        guard let arn = TableArn(check.policyResource ?? check.resource),
              let table = catalog.get(TableKey(account: arn.account, region: arn.region, name: arn.name)) else { return (nil, []) }
        var record = table.resourcePolicy
        var policyArn = table.arn
        if let suffix = arn.suffix, suffix.hasPrefix("stream/") {
            let label = String(suffix.dropFirst("stream/".count))
            record = table.streamPolicies?[label]
            policyArn = "\(table.arn)/stream/\(label)"
        }
        guard let record, let policy = parse(record.document) else { return (nil, table.tags) }
        return (AttachedPolicy(id: policyArn, name: "resource-based policy of \(policyArn)", sourceType: .resource, policy: policy), table.tags)
    }

    func parse(_ document: String) -> Policy? {
        if let cached = parsed.withLock({ $0[document] }) { return cached }
        guard let policy = try? Policy.parse(document, kind: .resource) else { return nil }
        parsed.withLock { cache in
            if cache.count > 1000 { cache.removeAll() }
            cache[document] = policy
        }
        return policy
    }

    /// Condition keys every request has.
    static func globalKeys(_ origin: Origin, now: Double) -> ContextKeys {
        // Room for the operation's own keys and a few resource tags too.
        var keys = ContextKeys(minimumCapacity: 16)
        keys["aws:CurrentTime"] = .single(ISO8601.string(fromEpoch: now))
        keys["aws:EpochTime"] = .single(String(Int64(now)))
        keys["aws:SourceIp"] = .single(origin.sourceIp)
        keys["aws:SecureTransport"] = .single(origin.secureTransport ? "true" : "false")
        keys["aws:RequestedRegion"] = .single(origin.region)
        keys["aws:ViaAWSService"] = .single("false")
        keys["aws:PrincipalIsAWSService"] = .single("false")
        return keys
    }
}
