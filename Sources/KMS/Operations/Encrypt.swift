import DynamoModel

/// Encrypt: up to 4096 bytes under the key's newest material, bound to the encryption
/// context.
enum Encrypt: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        guard let plaintext = try p.blob("Plaintext", max: 4096) else {
            throw .constraint(value: nil, member: "plaintext", "Member must not be null")
        }
        let context = try p.context("EncryptionContext")
        try symmetricAlgorithm(p, "EncryptionAlgorithm")
        return try prepareOnKey("kms:Encrypt", p, env, aliases: true, extraKeys: cryptoKeys(context), context: context) { _, key throws(KMSError) in
            try requireUsable(key)
            let blob = seal(plaintext, key: key, context: context)
            return KMSResult(["CiphertextBlob": .string(Base64.encode(blob.bytes)), "KeyId": .string(key.arn),
                              "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"])
        }
    }
}

/// The condition keys of a cryptographic request.
func cryptoKeys(_ context: EncryptionContext) -> [String: [String]] {
    var keys = context.conditionKeys
    keys["kms:EncryptionAlgorithm"] = ["SYMMETRIC_DEFAULT"]
    return keys
}

/// Symmetric keys take SYMMETRIC_DEFAULT only.
func symmetricAlgorithm(_ p: Params, _ member: String) throws(KMSError) {
    let algorithm = try p.enumValue(member, ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"])
    if let algorithm, algorithm != "SYMMETRIC_DEFAULT" {
        throw KMSError("InvalidKeyUsageException", "Algorithm \(algorithm) is incompatible with key spec SYMMETRIC_DEFAULT.")
    }
}

/// Seals under the key's newest material.
func seal(_ plaintext: [UInt8], key: KMSKey, context: EncryptionContext) -> CiphertextBlob {
    let version = UInt32(key.material.count - 1)
    return CiphertextBlob.encrypt(plaintext, keyArn: key.arn, materialVersion: version, material: key.material[Int(version)], context: context)
}

/// Opens a blob made under `key`; InvalidCiphertextException when it does not verify.
func unseal(_ blob: CiphertextBlob, key: KMSKey, context: EncryptionContext) throws(KMSError) -> [UInt8] {
    guard Int(blob.materialVersion) < key.material.count,
          let plaintext = blob.decrypt(material: key.material[Int(blob.materialVersion)], context: context) else {
        throw .invalidCiphertext
    }
    return plaintext
}
