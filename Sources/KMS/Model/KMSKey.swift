import DynamoModel

/// One KMS key: its metadata, its key policy, tags, and its key material (one version per
/// rotation; ciphertexts name the version they were made with).
public struct KMSKey: Sendable {
    public var keyId: String
    public var account: String
    public var region: String
    public var creationDate: Double
    public var description: String
    public var state: KeyState
    public var deletionDate: Double?
    public var pendingWindowInDays: Int?
    /// "CUSTOMER" or "AWS" (an AWS managed key such as alias/aws/dynamodb).
    public var keyManager: String
    public var policy: String
    public var tags: [KMSTag]
    /// 32-byte AES keys, oldest first. Held in memory in the clear, stored wrapped.
    public var material: [[UInt8]]
    public var rotationEnabled: Bool
    public var rotationPeriodInDays: Int
    /// When rotation was last turned on or performed (the next rotation is a period later).
    public var rotationAnchor: Double?
    /// When the key last stopped being usable (DisableKey, ScheduleKeyDeletion).
    public var unusableSince: Double? = nil

    public var arn: String { KMSKey.arn(account: account, region: region, keyId: keyId) }

    public static func arn(account: String, region: String, keyId: String) -> String {
        "arn:aws:kms:\(region):\(account):key/\(keyId)"
    }

    /// DescribeKey's KeyMetadata.
    public var metadata: JSONValue {
        var m: [(String, JSONValue)] = [
            ("AWSAccountId", .string(account)), ("KeyId", .string(keyId)), ("Arn", .string(arn)),
            ("CreationDate", .timestamp(creationDate)), ("Enabled", .bool(state == .enabled)),
            ("Description", .string(description)), ("KeyUsage", "ENCRYPT_DECRYPT"), ("KeyState", .string(state.rawValue)),
        ]
        if let deletionDate { m.append(("DeletionDate", .timestamp(deletionDate))) }
        m += [
            ("Origin", "AWS_KMS"), ("KeyManager", .string(keyManager)), ("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT"),
            ("KeySpec", "SYMMETRIC_DEFAULT"), ("EncryptionAlgorithms", ["SYMMETRIC_DEFAULT"]), ("MultiRegion", false),
        ]
        if let pendingWindowInDays, state == .pendingDeletion { m.append(("PendingDeletionWindowInDays", .int(pendingWindowInDays))) }
        return .object(m)
    }
}

/// An alias: a friendly name for one key of the same account and region.
public struct KMSAlias: Sendable {
    public var name: String  // "alias/…"
    public var account: String
    public var region: String
    public var targetKeyId: String
    public var creationDate: Double
    public var lastUpdatedDate: Double

    public var arn: String { KMSAlias.arn(account: account, region: region, name: name) }

    public static func arn(account: String, region: String, name: String) -> String {
        "arn:aws:kms:\(region):\(account):\(name)"
    }
}
