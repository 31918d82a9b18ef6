import DynamoModel

/// RetireGrant: by GrantToken, or by KeyId and GrantId. The grant decides who may retire it
/// (its RetiringPrincipal, or its grantee when it includes RetireGrant); otherwise
/// kms:RetireGrant must be allowed on the key.
enum RetireGrant: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let token = try p.string("GrantToken", max: 8192)
        let keyId = try p.string("KeyId")
        let grantId = try p.string("GrantId", max: 128)
        let grant: KMSGrant
        if let token {
            guard let found = env.store.state.withLock({ s in s.grants.values.first { $0.token == token } }) else {
                throw .invalidGrantToken("Invalid grant token")
            }
            grant = found
        } else if let keyId, let grantId {
            let key = try env.store.resolve(keyId, caller: env.caller, aliases: false)
            guard let found = env.store.state.withLock({ s in s.grants[grantId] }), found.keyArn == key.arn else {
                throw .invalidGrantId("Grant ID \(grantId) not found")
            }
            grant = found
        } else {
            throw .validation("Either GrantToken or both KeyId and GrantId are required")
        }
        let key = try env.store.current(arn: grant.keyArn)
        var check = KMSCheck(action: "kms:RetireGrant", key: key, conditionKeys: keyConditionKeys(env, key))
        let principals = env.caller.principalArns
        if let retiring = grant.retiringPrincipal, principals.contains(retiring) { check.grantId = grant.grantId }
        if grant.operations.contains("RetireGrant"), principals.contains(grant.granteePrincipal) { check.grantId = grant.grantId }
        let store = env.store
        let id = grant.grantId
        return KMSPrepared(checks: [check], params: p, keys: [key.arn]) { () throws(KMSError) -> KMSResult in
            try removeGrant(store, id)
        }
    }
}

func removeGrant(_ store: KeyStore, _ id: String) throws(KMSError) -> KMSResult {
    let (_, sql) = try store.transact { (s: inout KeyStore.State) throws(KMSError) in
        guard s.grants[id] != nil else { throw .invalidGrantId("Grant ID \(id) not found") }
        s.grants[id] = nil
        s.sql.append(KMSPersistence.deleteGrantSQL(id))
    }
    return KMSResult(.object([]), sql: sql)
}
