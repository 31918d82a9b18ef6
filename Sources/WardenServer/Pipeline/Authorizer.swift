import AccessPolicy
import DynamoModel
import DynamoOperations
import Identity
import KMS
import Synchronization
import WardenSupport

/// The one place every request on the endpoint is authorized — DynamoDB, DynamoDB Streams,
/// IAM, STS, CloudTrail and Warden's own `/_warden/` endpoints — with the AccessPolicy engine:
/// the caller's identity policies, boundary and session policies (from Identity), the
/// resource-based policy that applies (a table's, which covers its indexes; a stream's; a
/// role's trust policy), the SCPs of the caller's account and the RCPs of the resource's
/// account, and the request's condition keys: the operation's own plus the global ones, made
/// here and nowhere else (see docs/authorization-context.md). One rule for the account root,
/// one decision log (every check's decision and trace, for `warden explain`), whatever the
/// protocol; a request is denied as a whole when any of its checks is.
public final class Authorizer: Sendable {
    /// One thing a request needs allowed, in any protocol.
    struct Check: Sendable {
        var action: String
        var resource: String
        /// The account that owns the resource (for cross-account evaluation and the root rule).
        var resourceAccount: String
        var resourcePolicy: AttachedPolicy?
        /// The operation's own condition keys (as the policies see them and the log shows them).
        var keys: [String: [String]]
        /// The same keys in the engine's own form, when the operation made them so (IAM and
        /// STS checks): taken as they are, single- and multi-valued keys kept apart.
        var contextKeys: ContextKeys?
        var resourceTags: [WardenSupport.Tag] = []
        /// For requests without a signed caller (a web identity presenting its token): who is
        /// asking, as the engine sees it. Only the resource policy can allow it.
        var externalPrincipal: PrincipalInfo?
        /// The resource policy must itself allow, even within the account (KMS key policies).
        var resourcePolicyMustAllow: Bool?
        /// A KMS grant that allows this check where no policy does (an explicit deny still wins).
        var grantId: String?
    }

    public struct Outcome: Sendable {
        public var checks: [DecisionLog.Check]
        /// The first denied check's decision (nil: allowed), for the protocol to word.
        public var denied: Denied?
        /// Every denied check's message, by its index in the request.
        public var deniedMessages: [Int: String] = [:]

        public struct Denied: Sendable {
            /// The index of the denied check in the request.
            public var index: Int
            /// The engine's decision (nil when no principal could be evaluated at all).
            public var decision: Decision?
            public var message: String
        }

        /// Keeps a check's decision; one that decides like the one before (same action,
        /// resource and outcome) joins it, its condition key values added to the line's (a
        /// 25-item batch on one table is one line listing its 25 partition values, not 25
        /// copies: the log stays bounded by what a request names).
        mutating func note(_ check: DecisionLog.Check) {
            if let last = checks.indices.last, checks[last].decidesLike(check) {
                checks[last].absorb(check)
            } else {
                checks.append(check)
            }
        }
    }

    /// Where a request came from: aws:SourceIp (or, through a VPC endpoint, aws:VpcSourceIp,
    /// aws:SourceVpce, aws:SourceVpc, aws:VpceAccount), aws:SecureTransport,
    /// aws:RequestedRegion, aws:UserAgent, aws:Referer. Made of values the connection already
    /// holds (no key is built until a policy is evaluated).
    struct Origin: Sendable {
        /// The connection's peer address.
        var sourceIp: String
        var secureTransport: Bool
        var region: String
        var vpcEndpoint: VPCEndpoint?
        /// The request's headers, read only when a policy is evaluated (most requests of an
        /// account root never need them).
        var headers: [(name: String, value: String)]

        init(sourceIp: String, secureTransport: Bool, region: String, headers: [(name: String, value: String)] = [],
             vpcEndpoint: VPCEndpoint? = nil) {
            self.vpcEndpoint = vpcEndpoint
            self.sourceIp = sourceIp
            self.secureTransport = secureTransport
            self.region = region
            self.headers = headers
        }

        init(_ request: WardenRequest, region: String) {
            self.init(sourceIp: request.remoteAddress, secureTransport: request.isTLS, region: region, headers: request.headers,
                      vpcEndpoint: request.vpcEndpoint)
        }

        /// The origin as the decision log keeps it: the ring holds no request's headers.
        var withoutHeaders: Origin {
            Origin(sourceIp: sourceIp, secureTransport: secureTransport, region: region, vpcEndpoint: vpcEndpoint)
        }

        /// The network keys of the request, in name order (for `warden explain`).
        var networkKeys: [(name: String, value: String)] {
            var keys: [(name: String, value: String)] = [("aws:RequestedRegion", region), ("aws:SecureTransport", secureTransport ? "true" : "false")]
            if let endpoint = vpcEndpoint {
                keys += [("aws:SourceVpc", endpoint.vpcId), ("aws:SourceVpce", endpoint.id), ("aws:VpcSourceIp", sourceIp), ("aws:VpceAccount", endpoint.accountId)]
            } else {
                keys.append(("aws:SourceIp", sourceIp))
            }
            return keys
        }

        func header(_ name: String) -> String? {
            headers.first { $0.name.utf8.count == name.utf8.count && $0.name.lowercased() == name }?.value
        }
    }

    let directory: IdentityDirectory
    let catalog: Catalog
    let log: DecisionLog
    /// [kms] Key policies for the KMS checks other services' operations make.
    let kms: KMSService?
    private let parsed = Mutex<[String: Policy]>([:])

    init(directory: IdentityDirectory, catalog: Catalog, log: DecisionLog, kms: KMSService? = nil) {
        self.directory = directory
        self.catalog = catalog
        self.log = log
        self.kms = kms
    }

    /// The caller as the engine sees it (right principal type, role ARN for sessions).
    func principal(_ caller: Caller) -> PrincipalInfo {
        directory.policySet(for: caller.principal).principal
    }

    /// Decides every check. `caller` is nil for the unsigned requests a few STS operations take.
    func decide(_ caller: Caller?, _ checks: [Check], origin: Origin, now: Double) -> Outcome {
        var outcome = Outcome(checks: [], denied: nil)
        var global: ContextKeys?  // the request's global keys, made at the first evaluation
        for (index, check) in checks.enumerated() {
            if let caller, check.externalPrincipal == nil, origin.vpcEndpoint?.policy == nil, rootNeedsNoPolicy(caller, check) {
                outcome.note(DecisionLog.Check(action: check.action, resource: check.resource, outcome: "allow", message: nil,
                                               context: check.keys, explanation: Authorizer.rootExplanation))
                continue
            }
            if global == nil { global = Authorizer.globalKeys(origin, now: now) }
            // The last check takes the global keys rather than copying them (one check, most often).
            var keys = index == checks.count - 1 ? global.take()! : global!
            keys.set("aws:ResourceAccount", lowercased: "aws:resourceaccount", .single(check.resourceAccount))
            if let own = check.contextKeys {
                for name in own.names { keys[name] = own[name] }
            } else {
                for (name, values) in check.keys { keys[name] = values.count == 1 ? .single(values[0]) : .multiple(values) }
            }
            for tag in check.resourceTags { keys["aws:ResourceTag/\(tag.key)"] = .single(tag.value) }
            let engineCheck = Identity.AuthorizationCheck(action: check.action, resource: check.resource, resourceAccountId: check.resourceAccount,
                                                          resourcePolicy: check.resourcePolicy, requestKeys: keys,
                                                          resourcePolicyMustAllow: check.resourcePolicyMustAllow,
                                                          vpcEndpointPolicy: origin.vpcEndpoint?.policy)
            let decision: Decision?
            if let external = check.externalPrincipal {
                decision = directory.evaluate(external: external, engineCheck)
            } else if let caller {
                decision = directory.evaluate(caller.principal, engineCheck)
            } else {
                decision = nil
            }
            if decision?.outcome == .implicitDeny, decision?.decidingLayer != .vpcEndpointPolicy, let grant = check.grantId {
                outcome.note(DecisionLog.Check(action: check.action, resource: check.resource, outcome: "allow", message: nil, context: check.keys,
                                               trace: .text("No policy allows the request; KMS grant \(grant) allows it.")))
                continue
            }
            let allowed = decision?.outcome == .allow
            let message = allowed ? nil : (decision?.accessDeniedMessage ?? "Not authorized to perform \(check.action)")
            outcome.note(DecisionLog.Check(action: check.action, resource: check.resource, outcome: decision?.outcome.rawValue ?? "implicitDeny",
                                           message: message, context: check.keys,
                                           trace: decision.map { .decision($0) } ?? .text("The request is not signed: no principal to evaluate.")))
            if let message {
                outcome.deniedMessages[index] = message
                if outcome.denied == nil { outcome.denied = Outcome.Denied(index: index, decision: decision, message: message) }
            }
        }
        return outcome
    }

    /// Decides and records the decision under the request id (for `warden explain`).
    func decide(_ caller: Caller?, _ checks: [Check], origin: Origin, requestId: String, operation: String, now: Double) -> Outcome {
        let outcome = decide(caller, checks, origin: origin, now: now)
        log.record(DecisionLog.Entry(requestId: requestId, callerArn: caller?.arn ?? checks.first?.externalPrincipal?.arn ?? "anonymous",
                                     operation: operation, time: now, checks: outcome.checks, origin: origin.withoutHeaders))
        return outcome
    }

    /// The account root in its own account needs no policy, as long as nothing could deny it:
    /// no resource-based policy, no SCP on its account, no RCP on the resource's account.
    func rootNeedsNoPolicy(_ caller: Caller, _ check: Check) -> Bool {
        caller.isRoot && check.resourceAccount == caller.accountId && check.resourcePolicy == nil
            && directory.serviceControlPolicies(forAccount: caller.accountId).isEmpty
            && directory.resourceControlPolicies(forAccount: check.resourceAccount).isEmpty
    }

    static let rootExplanation = "The account root user has full access to its own account's resources, and no resource-based policy, SCP or RCP applies."

    /// Condition keys every request has (docs/authorization-context.md lists them with the
    /// principal-derived ones Identity adds).
    static func globalKeys(_ origin: Origin, now: Double) -> ContextKeys {
        // Room for the operation's own keys and a few resource tags too. Names are set with
        // their lowercased form spelled out: these keys are made for every evaluated request.
        var keys = ContextKeys(minimumCapacity: 16)
        let time = RequestTime.strings(now)
        keys.set("aws:CurrentTime", lowercased: "aws:currenttime", .single(time.iso8601))
        keys.set("aws:EpochTime", lowercased: "aws:epochtime", .single(time.epoch))
        if let endpoint = origin.vpcEndpoint {
            // Through a VPC endpoint AWS sets these instead of aws:SourceIp ("AWS global
            // condition context keys": aws:SourceVpce, aws:SourceVpc, aws:VpceAccount,
            // aws:VpcSourceIp).
            keys.set("aws:SourceVpce", lowercased: "aws:sourcevpce", .single(endpoint.id))
            keys.set("aws:SourceVpc", lowercased: "aws:sourcevpc", .single(endpoint.vpcId))
            keys.set("aws:VpceAccount", lowercased: "aws:vpceaccount", .single(endpoint.accountId))
            keys.set("aws:VpcSourceIp", lowercased: "aws:vpcsourceip", .single(origin.sourceIp))
        } else {
            keys.set("aws:SourceIp", lowercased: "aws:sourceip", .single(origin.sourceIp))
        }
        keys.set("aws:SecureTransport", lowercased: "aws:securetransport", .single(origin.secureTransport ? "true" : "false"))
        keys.set("aws:RequestedRegion", lowercased: "aws:requestedregion", .single(origin.region))
        keys.set("aws:ViaAWSService", lowercased: "aws:viaawsservice", .single("false"))
        keys.set("aws:PrincipalIsAWSService", lowercased: "aws:principalisawsservice", .single("false"))
        if let agent = origin.header("user-agent") { keys.set("aws:UserAgent", lowercased: "aws:useragent", .single(agent)) }
        if let referer = origin.header("referer") { keys.set("aws:Referer", lowercased: "aws:referer", .single(referer)) }
        return keys
    }
}

/// aws:CurrentTime and aws:EpochTime change once a second: formatted once a second, not
/// once a request (the ISO 8601 formatting cost ~7,000 instructions per evaluated request).
enum RequestTime {
    private static let last = Mutex<(second: Int64, iso8601: String, epoch: String)>((Int64.min, "", ""))

    static func strings(_ now: Double) -> (iso8601: String, epoch: String) {
        let second = Int64(now.rounded(.down))
        if let hit = last.withLock({ $0.second == second ? ($0.iso8601, $0.epoch) : nil }) { return hit }
        let made = (iso8601: ISO8601.string(fromEpoch: Double(second)), epoch: String(second))
        last.withLock { $0 = (second, made.iso8601, made.epoch) }
        return made
    }
}

// MARK: - Warden-only endpoints

extension Authorizer {
    /// A Warden-only endpoint (`/_warden/…`) as action `warden:<name>` on
    /// `arn:aws:warden:<region>:<account>:endpoint/<name>`: the account root by the root rule,
    /// anyone else only as far as its policies allow `warden:<name>` (never open to whoever
    /// reaches the port). Decided (and recorded in the decision log) like every other request,
    /// through `EndpointCall.authorizeWarden`.
    static func wardenCheck(_ caller: Caller, name: String) -> Check {
        Check(action: "warden:\(name)", resource: "arn:aws:warden:\(caller.region):\(caller.accountId):endpoint/\(name)",
              resourceAccount: caller.accountId, keys: [:])
    }
}

// MARK: - DynamoDB, Streams and CloudTrail

extension Authorizer {
    /// Authorizes a DynamoDB operation's request and records the decision under the request
    /// id; the AccessDenied to answer with, if any.
    func authorize(_ caller: Caller, _ request: AuthorizationRequest, origin: Origin, requestId: String, operation: String, now: Double) -> DynamoError? {
        let outcome = decide(caller, checks(request), origin: origin, requestId: requestId, operation: operation, now: now)
        return outcome.denied.map { .accessDenied($0.message) }
    }

    /// Authorizes each check of a request whose parts succeed or fail on their own, and
    /// records the decisions: the AccessDenied message of every denied check, by index.
    func authorizeEach(_ caller: Caller, _ request: AuthorizationRequest, origin: Origin, requestId: String, operation: String,
                       now: Double) -> [Int: String] {
        decide(caller, checks(request), origin: origin, requestId: requestId, operation: operation, now: now).deniedMessages
    }

    /// A DynamoDB operation's checks with the facts of their resources: the resource-based
    /// policy (the table's for the table and its indexes, the stream's for a stream) and the
    /// table's tags (aws:ResourceTag/*). A batch's checks mostly name one table: its facts are
    /// looked up once.
    func checks(_ request: AuthorizationRequest) -> [Check] {
        var facts: (resource: String, policy: AttachedPolicy?, tags: [WardenSupport.Tag])?
        return request.checks.map { check in
            // [kms] A KMS key a DynamoDB operation uses (CreateTable/UpdateTable with a
            // customer managed key): its key policy decides, as for KMS's own operations.
            if check.resource.hasPrefix("arn:aws:kms:"), let kms {
                var kmsCheck = Check(action: check.action, resource: check.resource, resourceAccount: check.resourceAccount,
                                     resourcePolicy: nil, keys: check.keys)
                kmsCheck.resourcePolicyMustAllow = true
                if let facts = kms.keyFacts(check.resource) {
                    kmsCheck.resourcePolicy = Authorizer.keyPolicy(facts.policy, arn: check.resource)
                    kmsCheck.resourceTags = facts.tags.map { Tag(key: $0.key, value: $0.value) }
                }
                return kmsCheck
            }
            let factsResource = check.policyResource ?? check.resource
            if facts?.resource != factsResource {
                let (policy, tags) = resourceFacts(check)
                facts = (factsResource, policy, tags)
            }
            return Check(action: check.action, resource: check.resource, resourceAccount: check.resourceAccount,
                         resourcePolicy: facts?.policy, keys: check.keys, resourceTags: facts?.tags ?? [])
        }
    }

    func resourceFacts(_ check: DynamoOperations.AuthorizationCheck) -> (AttachedPolicy?, [WardenSupport.Tag]) {
        guard let arn = TableArn(check.policyResource ?? check.resource),
              let table = catalog.get(TableKey(account: arn.account, region: arn.region, name: arn.name)) else { return (nil, []) }
        var record = table.resourcePolicy
        var streamLabel: String?
        if let suffix = arn.suffix, suffix.hasPrefix("stream/") {
            let label = String(suffix.dropFirst("stream/".count))
            record = table.streamPolicies?[label]
            streamLabel = label
        }
        guard let record, let policy = parse(record.document) else { return (nil, table.tags) }
        // Made only when there is a policy (building the ARN is not free, and most tables have none).
        let policyArn = streamLabel.map { "\(table.arn)/stream/\($0)" } ?? table.arn
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
}
