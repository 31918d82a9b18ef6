import AccessPolicy
import DynamoModel
import Identity

/// The one place IAM and STS operations are authorized. Each operation declares its checks
/// (action, resource ARN, the role's trust policy for sts:AssumeRole); here they are
/// decided with the AccessPolicy engine over the caller's policy set from Identity (user
/// inline + managed + group policies, or role inline + managed; boundary; session
/// policies; SCPs), plus the request's global condition keys. An account root acting in its
/// own account needs no policy (unless SCPs apply).
final class QueryAuthorizer: Sendable {
    let directory: IdentityDirectory
    let clock: WardenClock

    init(directory: IdentityDirectory, clock: WardenClock) {
        self.directory = directory
        self.clock = clock
    }

    /// nil when every check is allowed; otherwise the AccessDenied to answer with.
    func authorize(_ caller: Caller?, _ checks: [QueryCheck], context: QueryContext) -> IdentityError? {
        for item in checks {
            var check = item.check
            check.requestKeys = globalKeys(context).merging(check.requestKeys)
            let decision: Decision
            if let external = item.externalPrincipal {
                decision = directory.evaluate(external: external, check)
            } else if let caller {
                let resourceAccount = check.resourceAccountId ?? IAMArn(check.resource)?.account ?? caller.accountId
                if caller.isRoot && resourceAccount == caller.accountId && check.resourcePolicy == nil
                    && directory.serviceControlPolicies(forAccount: caller.accountId).isEmpty {
                    continue
                }
                decision = directory.evaluate(caller.principal, check)
            } else {
                return .accessDenied(item.denialMessage ?? "Not authorized to perform \(check.action)")
            }
            guard decision.isAllowed else {
                if let text = item.denialMessage { return .accessDenied(text) }
                let message = item.plainMessage
                    ? "User: \(decision.principalArn) is not authorized to perform: \(check.action) on resource: \(check.resource)"
                    : decision.accessDeniedMessage
                return .accessDenied(message)
            }
        }
        return nil
    }

    /// Condition keys every request has (aws:CurrentTime, aws:EpochTime, aws:SourceIp,
    /// aws:SecureTransport, aws:RequestedRegion, aws:ViaAWSService).
    func globalKeys(_ context: QueryContext) -> ContextKeys {
        let now = clock.now()
        var keys = ContextKeys()
        keys["aws:CurrentTime"] = .single(ISO8601Format.string(now))
        keys["aws:EpochTime"] = .single(String(Int(now)))
        keys["aws:SourceIp"] = .single(context.sourceIp)
        keys["aws:SecureTransport"] = .single(context.secureTransport ? "true" : "false")
        keys["aws:RequestedRegion"] = .single(context.region)
        keys["aws:ViaAWSService"] = "false"
        return keys
    }
}

extension ContextKeys {
    /// These keys with `other`'s added (other wins).
    func merging(_ other: ContextKeys) -> ContextKeys {
        var out = self
        for name in other.names { out[name] = other[name] }
        return out
    }
}
