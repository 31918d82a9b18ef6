import Identity
import WardenSupport

/// The parameters AssumeRole and AssumeRoleWithWebIdentity share.
struct RoleSessionParameters {
    var roleArn: String
    var sessionName: String
    var duration: Int
    var policy: String?
    var policyArns: [String]
    var packedPolicySize: Int?

    /// Validates RoleArn, RoleSessionName, Policy, PolicyArns and DurationSeconds into `v`
    /// (the caller adds its own members, then checks).
    static func read(_ p: QueryParameters, into v: inout Validator, policyMax: Int?) throws(IdentityError) -> (String?, String?, Int?, String?, [String]?) {
        let roleArn = p["RoleArn"], sessionName = p["RoleSessionName"], policy = p["Policy"]
        let duration = try p.int("DurationSeconds", member: "durationSeconds")
        let arns = p.policyArns()
        v.required(roleArn, "roleArn")
        v.string(roleArn, "roleArn", min: 20, max: 2048)
        v.required(sessionName, "roleSessionName")
        v.string(sessionName, "roleSessionName", min: 2, max: 64, pattern: .sessionName)
        for (index, arn) in (arns ?? []).enumerated() { v.string(arn, "policyArns.\(index + 1).member.arn", min: 20, max: 2048) }
        v.string(policy, "policy", min: 1, max: policyMax, pattern: .policyDocument)
        v.integer(duration, "durationSeconds", min: 900, max: 43200)
        return (roleArn, sessionName, duration, policy, arns)
    }

    /// The session policy must parse as IAM's session policies do; the whole packed size
    /// must fit.
    static func checkSessionPolicies(policy: String?, arns: [String], tags: [Tag]) throws(IdentityError) -> Int? {
        if let policy { _ = try parsePolicyDocument(policy, kind: .session) }
        guard policy != nil || !arns.isEmpty || !tags.isEmpty else { return nil }
        let size = STSRules.packedPolicySize(policy: policy, policyArns: arns, tags: tags)
        try STSRules.checkPackedSize(size)
        return size
    }

    /// The role an ARN names, with its account.
    static func role(_ arn: String, directory: IdentityDirectory) -> (Role, String)? {
        guard let parsed = IAMArn(arn), parsed.resourceType == "role", let account = directory.account(parsed.account),
              let role = account.role(arn: arn) else { return nil }
        return (role, account.id)
    }
}
