/// PutKeyPolicy: replaces the key policy; unless BypassPolicyLockoutSafetyCheck, the new
/// policy must still let the caller call PutKeyPolicy.
enum PutKeyPolicy: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let policy = try p.required("Policy", max: 131_072)
        let name = try p.string("PolicyName", max: 128) ?? "default"
        let bypass = try p.bool("BypassPolicyLockoutSafetyCheck") ?? false
        try validatePolicy(policy)
        var prepared = try prepareOnKey("kms:PutKeyPolicy", p, env, aliases: false) { store, key throws(KMSError) in
            guard name == "default" else { throw KMSError("NotFoundException", "No such policy exists") }
            return try change(store, key.arn) { (k: inout KMSKey) throws(KMSError) in
                try requireNotPendingDeletion(k)
                k.policy = policy
            }
        }
        if !bypass { prepared.lockoutPolicy = policy }
        return prepared
    }
}
