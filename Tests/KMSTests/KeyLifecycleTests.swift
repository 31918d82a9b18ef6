import DynamoModel
import Testing
@testable import KMS

@Suite struct KeyLifecycleTests {
    @Test func createDescribeAndDefaultPolicy() throws {
        let h = Harness()
        let (id, arn) = try h.createKey([("Description", "orders")])
        #expect(arn == "arn:aws:kms:us-east-1:111122223333:key/\(id)")
        let meta = try h.call("DescribeKey", ["KeyId": .string(id)])["KeyMetadata"]!
        #expect(meta["KeyState"] == "Enabled")
        #expect(meta["Enabled"] == true)
        #expect(meta["Description"] == "orders")
        #expect(meta["KeySpec"] == "SYMMETRIC_DEFAULT")
        #expect(meta["KeyManager"] == "CUSTOMER")
        let policy = try h.call("GetKeyPolicy", ["KeyId": .string(id)])
        #expect(policy["Policy"]?.stringValue == DefaultKeyPolicy.document(account: "111122223333"))
        #expect(policy["PolicyName"] == "default")
    }

    @Test func aliasesResolveWhereAWSTakesThem() throws {
        let h = Harness()
        let (id, arn) = try h.createKey()
        try h.call("CreateAlias", ["AliasName": "alias/orders", "TargetKeyId": .string(arn)])
        #expect(try h.call("DescribeKey", ["KeyId": "alias/orders"])["KeyMetadata"]!["KeyId"]?.stringValue == id)
        #expect(try h.call("DescribeKey", ["KeyId": "arn:aws:kms:us-east-1:111122223333:alias/orders"])["KeyMetadata"]!["KeyId"]?.stringValue == id)
        // Management operations take key ids and ARNs only.
        #expect(h.error("DisableKey", ["KeyId": "alias/orders"]) == KMSError("NotFoundException", "Invalid keyId alias/orders"))
        #expect(h.error("CreateAlias", ["AliasName": "alias/orders", "TargetKeyId": .string(id)])
            == KMSError("AlreadyExistsException", "An alias with the name arn:aws:kms:us-east-1:111122223333:alias/orders already exists"))
        #expect(h.error("CreateAlias", ["AliasName": "orders", "TargetKeyId": .string(id)]) == KMSError("ValidationException", "Invalid identifier"))
        #expect(h.error("CreateAlias", ["AliasName": "alias/aws/dynamodb", "TargetKeyId": .string(id)])?.code == "NotAuthorizedException")
        #expect(h.error("CreateAlias", ["AliasName": "alias/x", "TargetKeyId": "alias/orders"])
            == KMSError("ValidationException", "Aliases must refer to keys. Not aliases"))
        let list = try h.call("ListAliases", [:])["Aliases"]!.arrayValue!
        #expect(list.count == 1)
        #expect(list[0]["TargetKeyId"]?.stringValue == id)
        try h.call("DeleteAlias", ["AliasName": "alias/orders"])
        #expect(h.error("DescribeKey", ["KeyId": "alias/orders"])
            == KMSError("NotFoundException", "Alias arn:aws:kms:us-east-1:111122223333:alias/orders is not found."))
        #expect(h.error("DescribeKey", ["KeyId": "nonsense"]) == KMSError("NotFoundException", "Invalid keyId nonsense"))
        #expect(h.error("DescribeKey", ["KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"])
            == KMSError("NotFoundException", "Key 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist"))
    }

    @Test func disableEnableAndTheirErrors() throws {
        let h = Harness()
        let (id, arn) = try h.createKey()
        try h.call("DisableKey", ["KeyId": .string(id)])
        #expect(try h.call("DescribeKey", ["KeyId": .string(id)])["KeyMetadata"]!["KeyState"] == "Disabled")
        #expect(h.error("Encrypt", ["KeyId": .string(id), "Plaintext": b64("x")]) == KMSError("DisabledException", "\(arn) is disabled."))
        try h.call("EnableKey", ["KeyId": .string(id)])
        #expect(try h.call("Encrypt", ["KeyId": .string(id), "Plaintext": b64("x")])["KeyId"]?.stringValue == arn)
    }

    @Test func deletionWaitsOnTheSimulatedClock() throws {
        let h = Harness()
        let (id, arn) = try h.createKey()
        try h.call("CreateAlias", ["AliasName": "alias/doomed", "TargetKeyId": .string(id)])
        #expect(h.error("ScheduleKeyDeletion", ["KeyId": .string(id), "PendingWindowInDays": 6])
            == KMSError("ValidationException", "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7"))
        #expect(h.error("ScheduleKeyDeletion", ["KeyId": .string(id), "PendingWindowInDays": 31])?.message.hasSuffix("less than or equal to 30") == true)
        let out = try h.call("ScheduleKeyDeletion", ["KeyId": .string(id), "PendingWindowInDays": 7])
        #expect(out["KeyState"] == "PendingDeletion")
        #expect(out["KeyId"]?.stringValue == arn)
        #expect(out["DeletionDate"] == .timestamp(1_700_000_000 + 7 * 86_400))
        #expect(h.error("Encrypt", ["KeyId": .string(id), "Plaintext": b64("x")]) == KMSError("KMSInvalidStateException", "\(arn) is pending deletion."))
        #expect(h.error("EnableKey", ["KeyId": .string(id)]) == KMSError("KMSInvalidStateException", "\(arn) is pending deletion."))
        #expect(h.error("ScheduleKeyDeletion", ["KeyId": .string(id)]) == KMSError("KMSInvalidStateException", "\(arn) is pending deletion."))
        // Cancel → Disabled.
        try h.call("CancelKeyDeletion", ["KeyId": .string(id)])
        #expect(try h.call("DescribeKey", ["KeyId": .string(id)])["KeyMetadata"]!["KeyState"] == "Disabled")
        #expect(h.error("CancelKeyDeletion", ["KeyId": .string(id)]) == KMSError("KMSInvalidStateException", "\(arn) is not pending deletion."))
        // Schedule again and let the window pass: the key and its alias are gone.
        try h.call("ScheduleKeyDeletion", ["KeyId": .string(id), "PendingWindowInDays": 7])
        _ = h.clock.advance(by: 7 * 86_400 - 1)
        #expect(try h.call("DescribeKey", ["KeyId": .string(id)])["KeyMetadata"]!["KeyState"] == "PendingDeletion")
        _ = h.clock.advance(by: 1)
        #expect(h.error("DescribeKey", ["KeyId": .string(id)]) == .keyNotFound(arn))
        #expect(try h.call("ListKeys", [:])["Keys"]!.arrayValue!.isEmpty)
        #expect(try h.call("ListAliases", [:])["Aliases"]!.arrayValue!.isEmpty)
    }

    @Test func tags() throws {
        let h = Harness()
        let (id, _) = try h.createKey([("Tags", [["TagKey": "team", "TagValue": "a"]])])
        try h.call("TagResource", ["KeyId": .string(id), "Tags": [["TagKey": "team", "TagValue": "b"], ["TagKey": "env", "TagValue": "dev"]]])
        #expect(try h.call("ListResourceTags", ["KeyId": .string(id)])["Tags"]
            == [["TagKey": "team", "TagValue": "b"], ["TagKey": "env", "TagValue": "dev"]])
        try h.call("UntagResource", ["KeyId": .string(id), "TagKeys": ["team"]])
        #expect(try h.call("ListResourceTags", ["KeyId": .string(id)])["Tags"] == [["TagKey": "env", "TagValue": "dev"]])
        #expect(h.error("TagResource", ["KeyId": .string(id), "Tags": [["TagKey": "aws:x", "TagValue": "1"]]])?.code == "TagException")
    }

    @Test func onlySymmetricEncryptionKeys() {
        let h = Harness()
        #expect(h.error("CreateKey", ["KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"])?.code == "UnsupportedOperationException")
        #expect(h.error("CreateKey", ["KeyUsage": "BOGUS"])?.code == "ValidationException")
        #expect(h.error("CreateKey", ["Policy": "{not json"])?.code == "MalformedPolicyDocumentException")
    }

    @Test func listKeysPages() throws {
        let h = Harness()
        for _ in 0..<3 { _ = try h.createKey() }
        let first = try h.call("ListKeys", ["Limit": 2])
        #expect(first["Keys"]?.arrayValue?.count == 2)
        #expect(first["Truncated"] == true)
        let second = try h.call("ListKeys", ["Limit": 2, "Marker": first["NextMarker"]!])
        #expect(second["Keys"]?.arrayValue?.count == 1)
        #expect(second["Truncated"] == false)
        #expect(h.error("ListKeys", ["Marker": "zz"])?.code == "InvalidMarkerException")
    }
}
