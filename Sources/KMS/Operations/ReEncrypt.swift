import DynamoModel

/// ReEncrypt: decrypts under the source key and encrypts under the destination key, inside
/// KMS. Checks kms:ReEncryptFrom on the source and kms:ReEncryptTo on the destination.
enum ReEncrypt: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        guard let bytes = try p.blob("CiphertextBlob", max: 6144) else {
            throw .constraint(value: nil, member: "ciphertextBlob", "Member must not be null")
        }
        let destinationId = try p.required("DestinationKeyId")
        let sourceContext = try p.context("SourceEncryptionContext")
        let destinationContext = try p.context("DestinationEncryptionContext")
        try symmetricAlgorithm(p, "SourceEncryptionAlgorithm")
        try symmetricAlgorithm(p, "DestinationEncryptionAlgorithm")
        guard let blob = CiphertextBlob(bytes: bytes) else { throw .invalidCiphertext }
        let source = try blobKey(blob, requested: p.string("SourceKeyId"), env)
        let destination = try env.store.resolve(destinationId, caller: env.caller)
        var destinationKeys = cryptoKeys(destinationContext)
        if let alias = aliasName(destinationId), KeyReference(destinationId)?.isAlias == true { destinationKeys["kms:RequestAlias"] = [alias] }
        destinationKeys["kms:ReEncryptOnSameKey"] = [source.arn == destination.arn ? "true" : "false"]
        var sourceKeys = cryptoKeys(sourceContext)
        sourceKeys["kms:ReEncryptOnSameKey"] = destinationKeys["kms:ReEncryptOnSameKey"]
        var checks = [
            KMSCheck(action: "kms:ReEncryptFrom", key: source, conditionKeys: keyConditionKeys(env, source, extra: sourceKeys)),
            KMSCheck(action: "kms:ReEncryptTo", key: destination, conditionKeys: keyConditionKeys(env, destination, extra: destinationKeys)),
        ]
        checks[0].grantId = env.store.grant(allowing: "kms:ReEncryptFrom", keyArn: source.arn, caller: env.caller, context: sourceContext)
        checks[1].grantId = env.store.grant(allowing: "kms:ReEncryptTo", keyArn: destination.arn, caller: env.caller, context: destinationContext)
        let store = env.store
        let (sourceArn, destinationArn) = (source.arn, destination.arn)
        return KMSPrepared(checks: checks, params: p, keys: [sourceArn, destinationArn]) { () throws(KMSError) -> KMSResult in
            let source = try store.current(arn: sourceArn)
            try requireUsable(source)
            let plaintext = try unseal(blob, key: source, context: sourceContext)
            let destination = try store.current(arn: destinationArn)
            try requireUsable(destination)
            let sealed = seal(plaintext, key: destination, context: destinationContext)
            return KMSResult([
                "CiphertextBlob": .string(Base64.encode(sealed.bytes)), "SourceKeyId": .string(source.arn), "KeyId": .string(destination.arn),
                "SourceEncryptionAlgorithm": "SYMMETRIC_DEFAULT", "DestinationEncryptionAlgorithm": "SYMMETRIC_DEFAULT",
            ])
        }
    }
}
