import DynamoModel

/// Decrypt: the blob names its key; a KeyId, if given, must name the same key.
enum Decrypt: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        guard let bytes = try p.blob("CiphertextBlob", max: 6144) else {
            throw .constraint(value: nil, member: "ciphertextBlob", "Member must not be null")
        }
        let context = try p.context("EncryptionContext")
        try symmetricAlgorithm(p, "EncryptionAlgorithm")
        guard let blob = CiphertextBlob(bytes: bytes) else { throw .invalidCiphertext }
        let key = try blobKey(blob, requested: p.string("KeyId"), env)
        var check = KMSCheck(action: "kms:Decrypt", key: key, conditionKeys: keyConditionKeys(env, key, extra: cryptoKeys(context)))
        check.grantId = env.store.grant(allowing: "kms:Decrypt", keyArn: key.arn, caller: env.caller, context: context)
        let store = env.store
        let arn = key.arn
        return KMSPrepared(checks: [check], params: p, keys: [arn]) { () throws(KMSError) -> KMSResult in
            let key = try store.current(arn: arn)
            try requireUsable(key)
            let plaintext = try unseal(blob, key: key, context: context)
            return KMSResult(["KeyId": .string(key.arn), "Plaintext": .string(Base64.encode(plaintext)), "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"])
        }
    }
}

/// The key a ciphertext names; with a KeyId in the request, it must be that key
/// (IncorrectKeyException otherwise).
func blobKey(_ blob: CiphertextBlob, requested: String?, _ env: KMSEnvironment) throws(KMSError) -> KMSKey {
    guard case .keyArn? = KeyReference(blob.keyArn) else { throw .invalidCiphertext }
    if let requested {
        let named = try env.store.resolve(requested, caller: env.caller)
        if named.arn != blob.keyArn {
            throw KMSError("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.")
        }
        return named
    }
    return try env.store.current(arn: blob.keyArn)
}
