import DynamoModel
import Testing
@testable import KMS

@Suite struct CryptographicOperationTests {
    @Test func encryptDecryptWithContextAndWithoutKeyId() throws {
        let h = Harness()
        let (id, arn) = try h.createKey()
        try h.call("CreateAlias", ["AliasName": "alias/app", "TargetKeyId": .string(id)])
        let out = try h.call("Encrypt", ["KeyId": "alias/app", "Plaintext": b64("card 4111"), "EncryptionContext": ["tenant": "t1"]])
        #expect(out["KeyId"]?.stringValue == arn)
        let blob = out["CiphertextBlob"]!
        let plain = try h.call("Decrypt", ["CiphertextBlob": blob, "EncryptionContext": ["tenant": "t1"]])
        #expect(decoded(plain["Plaintext"]) == "card 4111")
        #expect(plain["KeyId"]?.stringValue == arn)
        #expect(h.error("Decrypt", ["CiphertextBlob": blob]) == .invalidCiphertext)
        #expect(h.error("Decrypt", ["CiphertextBlob": blob, "EncryptionContext": ["tenant": "t2"]]) == .invalidCiphertext)
        #expect(h.error("Decrypt", ["CiphertextBlob": b64("garbage")]) == .invalidCiphertext)
        let (otherId, _) = try h.createKey()
        #expect(h.error("Decrypt", ["CiphertextBlob": blob, "KeyId": .string(otherId), "EncryptionContext": ["tenant": "t1"]])?.code
            == "IncorrectKeyException")
        #expect(h.error("Encrypt", ["KeyId": .string(id), "Plaintext": b64("x"), "EncryptionAlgorithm": "RSAES_OAEP_SHA_1"])?.code
            == "InvalidKeyUsageException")
        #expect(h.error("Encrypt", ["KeyId": .string(id)])
            == KMSError("ValidationException", "1 validation error detected: Value null at 'plaintext' failed to satisfy constraint: Member must not be null"))
    }

    @Test func generateDataKeyAndReEncrypt() throws {
        let h = Harness()
        let (a, _) = try h.createKey()
        let (b, bArn) = try h.createKey()
        let data = try h.call("GenerateDataKey", ["KeyId": .string(a), "KeySpec": "AES_256", "EncryptionContext": ["t": "x"]])
        guard case .success(let plain) = Base64.decode(data["Plaintext"]!.stringValue!) else { Issue.record("not base64"); return }
        #expect(plain.count == 32)
        #expect(h.error("GenerateDataKey", ["KeyId": .string(a)]) == KMSError("ValidationException", "Please specify either number of bytes or key spec."))
        #expect(try h.call("GenerateDataKey", ["KeyId": .string(a), "NumberOfBytes": 64])["Plaintext"].flatMap(decodedCount) == 64)
        let without = try h.call("GenerateDataKeyWithoutPlaintext", ["KeyId": .string(a), "KeySpec": "AES_128"])
        #expect(without["Plaintext"] == nil)
        let moved = try h.call("ReEncrypt", ["CiphertextBlob": data["CiphertextBlob"]!, "SourceEncryptionContext": ["t": "x"],
                                             "DestinationKeyId": .string(b)])
        #expect(moved["KeyId"]?.stringValue == bArn)
        let back = try h.call("Decrypt", ["CiphertextBlob": moved["CiphertextBlob"]!])
        #expect(back["Plaintext"] == data["Plaintext"])
        // ReEncrypt declares ReEncryptFrom on the source and ReEncryptTo on the destination.
        let prepared = try h.prepare("ReEncrypt", ["CiphertextBlob": data["CiphertextBlob"]!, "SourceEncryptionContext": ["t": "x"],
                                                   "DestinationKeyId": .string(b)])
        #expect(prepared.checks.map(\.action) == ["kms:ReEncryptFrom", "kms:ReEncryptTo"])
        #expect(prepared.checks[0].conditionKeys["kms:EncryptionContext:t"] == ["x"])
    }

    @Test func checksCarryTheKeyPolicyAndConditionKeys() throws {
        let h = Harness()
        let (id, arn) = try h.createKey()
        try h.call("CreateAlias", ["AliasName": "alias/app", "TargetKeyId": .string(id)])
        let prepared = try h.prepare("Encrypt", ["KeyId": "alias/app", "Plaintext": b64("x"), "EncryptionContext": ["k": "v", "a": "b"]])
        #expect(prepared.checks.count == 1)
        let check = prepared.checks[0]
        #expect(check.action == "kms:Encrypt")
        #expect(check.resource == arn)
        #expect(check.keyPolicy == DefaultKeyPolicy.document(account: "111122223333"))
        #expect(check.conditionKeys["kms:CallerAccount"] == ["111122223333"])
        #expect(check.conditionKeys["kms:EncryptionContext:k"] == ["v"])
        #expect(check.conditionKeys["kms:EncryptionContextKeys"] == ["a", "k"])
        #expect(check.conditionKeys["kms:RequestAlias"] == ["alias/app"])
        // CloudTrail never sees the plaintext.
        #expect(prepared.auditParameters["plaintext"] == nil)
        #expect(prepared.auditParameters["keyId"] == "alias/app")
        #expect(prepared.auditParameters["encryptionAlgorithm"] == "SYMMETRIC_DEFAULT")
        let upper = try h.prepare("Encrypt", ["KeyId": "alias/app", "Plaintext": b64("x"), "EncryptionContext": ["Tenant": "T"]])
        #expect(upper.auditParameters["encryptionContext"] == ["Tenant": "T"])  // the caller's keys, verbatim
        #expect(KMSService.auditResponse(["CiphertextBlob": "c", "KeyMetadata": ["KeyId": "k"], "GrantToken": "t"]) == ["keyMetadata": ["keyId": "k"]])
        // CreateKey and the List operations are identity-policy checks on "*".
        let create = try h.prepare("CreateKey", [:])
        #expect(create.checks[0].resource == "*")
        #expect(create.checks[0].keyPolicy == nil)
    }

    @Test func rotationKeepsOldCiphertextsReadable() throws {
        let h = Harness()
        let (id, _) = try h.createKey()
        let old = try h.call("Encrypt", ["KeyId": .string(id), "Plaintext": b64("before")])["CiphertextBlob"]!
        try h.call("EnableKeyRotation", ["KeyId": .string(id), "RotationPeriodInDays": 90])
        let status = try h.call("GetKeyRotationStatus", ["KeyId": .string(id)])
        #expect(status["KeyRotationEnabled"] == true)
        #expect(status["NextRotationDate"] == .timestamp(1_700_000_000 + 90 * 86_400))
        _ = h.clock.advance(by: 90 * 86_400)
        let new = try h.call("Encrypt", ["KeyId": .string(id), "Plaintext": b64("after")])["CiphertextBlob"]!
        guard case .success(let bytes) = Base64.decode(new.stringValue!), let blob = CiphertextBlob(bytes: bytes) else {
            Issue.record("bad blob")
            return
        }
        #expect(blob.materialVersion == 1)
        #expect(decoded(try h.call("Decrypt", ["CiphertextBlob": old])["Plaintext"]) == "before")
        #expect(decoded(try h.call("Decrypt", ["CiphertextBlob": new])["Plaintext"]) == "after")
    }
}

func decodedCount(_ value: JSONValue) -> Int? {
    guard let text = value.stringValue, case .success(let bytes) = Base64.decode(text) else { return nil }
    return bytes.count
}
