import AccessPolicy
import DynamoModel

/// CreateKey: a symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT), with the
/// default key policy unless the request gives one.
enum CreateKey: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let policy = try p.string("Policy", max: 131_072)
        let description = try p.string("Description", min: 0, max: 8192) ?? ""
        let usage = try p.enumValue("KeyUsage", ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"]) ?? "ENCRYPT_DECRYPT"
        let keySpec = try p.string("KeySpec", min: 0)
        let masterKeySpec = try p.string("CustomerMasterKeySpec", min: 0)
        let spec = keySpec ?? masterKeySpec ?? "SYMMETRIC_DEFAULT"
        let origin = try p.enumValue("Origin", ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]) ?? "AWS_KMS"
        let tags = try p.tags("Tags")
        let multiRegion = try p.bool("MultiRegion") ?? false
        if usage != "ENCRYPT_DECRYPT" || spec != "SYMMETRIC_DEFAULT" || origin != "AWS_KMS" || multiRegion {
            throw .unsupported("Warden supports single-Region symmetric encryption keys only (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS).")
        }
        if let policy { try validatePolicy(policy) }
        var keys: [String: [String]] = [
            "kms:CallerAccount": [env.caller.account], "kms:KeySpec": [spec], "kms:KeyUsage": [usage], "kms:KeyOrigin": [origin],
            "kms:MultiRegion": ["false"],
        ]
        if !tags.isEmpty {
            keys["aws:TagKeys"] = tags.map(\.key)
            for tag in tags { keys["aws:RequestTag/\(tag.key)"] = [tag.value] }
        }
        let check = KMSCheck(action: "kms:CreateKey", resource: "*", account: env.caller.account, conditionKeys: keys)
        let store = env.store
        let caller = env.caller
        var prepared = KMSPrepared(checks: [check], params: p, keys: []) { () throws(KMSError) -> KMSResult in
            let now = store.clock.now()
            let key = KMSKey(keyId: SecureRandom.uuid(), account: caller.account, region: caller.region, creationDate: now,
                             description: description, state: .enabled, deletionDate: nil, pendingWindowInDays: nil, keyManager: "CUSTOMER",
                             policy: policy ?? DefaultKeyPolicy.document(account: caller.account), tags: tags,
                             material: [SecureRandom.bytes(32)], rotationEnabled: false, rotationPeriodInDays: 365, rotationAnchor: nil)
            let (_, sql) = try store.transact { (s: inout KeyStore.State) throws(KMSError) in s.save(key, store.persistence) }
            return KMSResult(["KeyMetadata": key.metadata], sql: sql)
        }
        if let policy, try p.bool("BypassPolicyLockoutSafetyCheck") != true { prepared.lockoutPolicy = policy }
        return prepared
    }
}

/// A key policy must parse as a resource-based policy.
func validatePolicy(_ document: String) throws(KMSError) {
    do {
        _ = try Policy.parse(document, kind: .resource)
    } catch {
        throw .malformedPolicy("\(error)")
    }
}
