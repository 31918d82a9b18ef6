import DynamoModel

/// GenerateDataKey / GenerateDataKeyWithoutPlaintext: a random data key, returned in the
/// clear (unless without plaintext) and encrypted under the KMS key.
enum GenerateDataKey: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try prepare(p, env, action: "kms:GenerateDataKey", plaintext: true)
    }

    static func prepare(_ p: Params, _ env: KMSEnvironment, action: String, plaintext: Bool) throws(KMSError) -> KMSPrepared {
        let spec = try p.enumValue("KeySpec", ["AES_256", "AES_128"])
        let count = try p.int("NumberOfBytes")
        if let count, count < 1 {
            throw .constraint(value: String(count), member: "numberOfBytes", "Member must have value greater than or equal to 1")
        }
        if let count, count > 1024 {
            throw .constraint(value: String(count), member: "numberOfBytes", "Member must have value less than or equal to 1024")
        }
        guard (spec == nil) != (count == nil) else { throw .validation("Please specify either number of bytes or key spec.") }
        let size = count ?? (spec == "AES_128" ? 16 : 32)
        let context = try p.context("EncryptionContext")
        return try prepareOnKey(action, p, env, aliases: true, extraKeys: cryptoKeys(context), context: context) { _, key throws(KMSError) in
            try requireUsable(key)
            let dataKey = SecureRandom.bytes(size)
            let blob = seal(dataKey, key: key, context: context)
            var body: [(String, JSONValue)] = [("CiphertextBlob", .string(Base64.encode(blob.bytes)))]
            if plaintext { body.append(("Plaintext", .string(Base64.encode(dataKey)))) }
            body.append(("KeyId", .string(key.arn)))
            return KMSResult(.object(body))
        }
    }
}

enum GenerateDataKeyWithoutPlaintext: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try GenerateDataKey.prepare(p, env, action: "kms:GenerateDataKeyWithoutPlaintext", plaintext: false)
    }
}
