/// RevokeGrant: a key administrator removes a grant (kms:RevokeGrant on the key).
enum RevokeGrant: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let grantId = try p.required("GrantId", max: 128)
        return try prepareOnKey("kms:RevokeGrant", p, env, aliases: false) { store, key throws(KMSError) in
            guard store.state.withLock({ $0.grants[grantId]?.keyArn == key.arn }) else {
                throw .invalidGrantId("Grant ID \(grantId) not found")
            }
            return try removeGrant(store, grantId)
        }
    }
}
