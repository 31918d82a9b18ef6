import WardenSupport
import AccessPolicy
import Identity

/// AssumeRole. The role's trust policy is the resource policy of an `sts:AssumeRole` check
/// on the role's ARN (plus `sts:TagSession` when session tags are passed); within one
/// account a trust policy that names the caller allows on its own, one that names the
/// account defers to the caller's identity policies (the AccessPolicy engine decides, per
/// "Policy evaluation logic" and "Cross-account policy evaluation logic"). Refusals:
/// "User: ARN is not authorized to perform: sts:AssumeRole on resource: ROLE_ARN"; the root
/// user: "Roles may not be assumed by root accounts."
enum AssumeRole: QueryOperation {
    static let name = "AssumeRole"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let p = c.params
        var v = Validator()
        let (roleArnParam, sessionNameParam, duration, policy, arnsParam) = try RoleSessionParameters.read(p, into: &v, policyMax: nil)
        let tags = p.tags(), transitive = p.list("TransitiveTagKeys")
        let externalId = p["ExternalId"], sourceIdentity = p["SourceIdentity"]
        v.tags(tags)
        v.tagKeys(transitive, "transitiveTagKeys")
        v.string(externalId, "externalId", min: 2, max: 1224, pattern: .externalId)
        v.string(p["SerialNumber"], "serialNumber", min: 9, max: 256)
        v.string(sourceIdentity, "sourceIdentity", min: 2, max: 64, pattern: .sessionName)
        try v.check()
        let roleArn = roleArnParam!, sessionName = sessionNameParam!, arns = arnsParam ?? []
        let principal = c.principal
        if principal.isRoot { throw .accessDenied("Roles may not be assumed by root accounts.") }
        try TagRules.checkDuplicates(tags ?? [])
        let packed = try RoleSessionParameters.checkSessionPolicies(policy: policy, arns: arns, tags: tags ?? [])
        let denied = IdentityError.accessDenied("User: \(principal.arn) is not authorized to perform: sts:AssumeRole on resource: \(roleArn)")
        guard let (role, roleAccount) = RoleSessionParameters.role(roleArn, directory: c.directory),
              let trust = c.directory.trustPolicy(of: role, accountId: roleAccount) else { throw denied }

        var keys = IAMResource.tagKeys(tags ?? [])
        keys["sts:RoleSessionName"] = .single(sessionName)
        if let externalId { keys["sts:ExternalId"] = .single(externalId) }
        if let sourceIdentity { keys["sts:SourceIdentity"] = .single(sourceIdentity) }
        if let transitive, !transitive.isEmpty { keys["sts:TransitiveTagKeys"] = .multiple(transitive) }
        var checks = [QueryCheck("sts:AssumeRole", roleArn, resourcePolicy: trust, resourceAccountId: roleAccount, keys: keys, plainMessage: true)]
        if !(tags ?? []).isEmpty || !(transitive ?? []).isEmpty {
            checks.append(QueryCheck("sts:TagSession", roleArn, resourcePolicy: trust, resourceAccountId: roleAccount, keys: keys, plainMessage: true))
        }
        if sourceIdentity != nil {
            checks.append(QueryCheck("sts:SetSourceIdentity", roleArn, resourcePolicy: trust, resourceAccountId: roleAccount, keys: keys, plainMessage: true))
        }
        let seconds = duration ?? 3600
        return QueryPlan(checks: checks) { done in
            do throws(IdentityError) {
                try STSRules.checkDuration(seconds, role: role, chained: principal.kind == .assumedRole)
            } catch {
                return done(.failure(error))
            }
            var request = RoleSessionRequest(role: role, roleAccountId: roleAccount, sessionName: sessionName, durationSeconds: seconds)
            request.sessionPolicy = policy
            request.policyArns = arns
            request.tags = tags ?? []
            request.transitiveTagKeys = transitive ?? []
            request.sourceIdentity = sourceIdentity
            request.caller = principal
            c.directory.issueRoleSession(request, region: c.region) { result in
                done(result.map { session in
                    [STSRender.credentials(session), STSRender.assumedRoleUser(session),
                     packed.map { .int("PackedPolicySize", $0) } ?? .empty,
                     .optional("SourceIdentity", session.sourceIdentity)]
                })
            }
        }
    }
}
