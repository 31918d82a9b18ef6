import DynamoModel

/// A grant: lets a grantee principal use a key for some operations (with optional
/// encryption-context constraints), beside the key policy. RetiringPrincipal may retire it;
/// key administrators revoke it.
public struct KMSGrant: Sendable {
    public var grantId: String
    public var token: String
    public var keyArn: String
    public var name: String?
    public var granteePrincipal: String
    public var retiringPrincipal: String?
    public var issuingAccount: String
    public var operations: [String]
    public var contextSubset: [String: String]?
    public var contextEquals: [String: String]?
    public var creationDate: Double

    /// The operations a grant can allow (AWS's GrantOperation enum, symmetric subset and all).
    public static let operationNames: [String] = [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "Sign", "Verify",
        "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        "GenerateMac", "VerifyMac", "DeriveSharedSecret",
    ]

    /// Whether the grant allows `action` (`kms:Encrypt`…) to `principals` (the caller's ARN,
    /// and for a role session the role's ARN) with this encryption context.
    func allows(_ action: String, principals: [String], context: EncryptionContext?) -> Bool {
        guard action.hasPrefix("kms:"), operations.contains(String(action.dropFirst(4))), principals.contains(granteePrincipal) else {
            return false
        }
        if let equals = contextEquals { return context?.pairs == equals }
        if let subset = contextSubset {
            let pairs = context?.pairs ?? [:]
            return subset.allSatisfy { pairs[$0.key] == $0.value }
        }
        return true
    }

    var listEntry: JSONValue {
        var m: [(String, JSONValue)] = [
            ("KeyId", .string(keyArn)), ("GrantId", .string(grantId)),
        ]
        if let name { m.append(("Name", .string(name))) }
        m.append(("CreationDate", .timestamp(creationDate)))
        m.append(("GranteePrincipal", .string(granteePrincipal)))
        if let retiringPrincipal { m.append(("RetiringPrincipal", .string(retiringPrincipal))) }
        m.append(("IssuingAccount", .string("arn:aws:iam::\(issuingAccount):root")))
        m.append(("Operations", .array(operations.map { .string($0) })))
        var constraints: [(String, JSONValue)] = []
        if let s = contextSubset { constraints.append(("EncryptionContextSubset", Self.object(s))) }
        if let e = contextEquals { constraints.append(("EncryptionContextEquals", Self.object(e))) }
        if !constraints.isEmpty { m.append(("Constraints", .object(constraints))) }
        return .object(m)
    }

    static func object(_ pairs: [String: String]) -> JSONValue {
        .object(pairs.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    var stored: JSONValue {
        var m: [(String, JSONValue)] = [
            ("GrantId", .string(grantId)), ("Token", .string(token)), ("KeyArn", .string(keyArn)),
            ("GranteePrincipal", .string(granteePrincipal)), ("IssuingAccount", .string(issuingAccount)),
            ("Operations", .array(operations.map { .string($0) })), ("CreationDate", .string(String(creationDate))),
        ]
        if let name { m.append(("Name", .string(name))) }
        if let retiringPrincipal { m.append(("RetiringPrincipal", .string(retiringPrincipal))) }
        if let s = contextSubset { m.append(("EncryptionContextSubset", Self.object(s))) }
        if let e = contextEquals { m.append(("EncryptionContextEquals", Self.object(e))) }
        return .object(m)
    }

    init(grantId: String, token: String, keyArn: String, name: String?, granteePrincipal: String, retiringPrincipal: String?,
         issuingAccount: String, operations: [String], contextSubset: [String: String]?, contextEquals: [String: String]?,
         creationDate: Double) {
        self.grantId = grantId
        self.token = token
        self.keyArn = keyArn
        self.name = name
        self.granteePrincipal = granteePrincipal
        self.retiringPrincipal = retiringPrincipal
        self.issuingAccount = issuingAccount
        self.operations = operations
        self.contextSubset = contextSubset
        self.contextEquals = contextEquals
        self.creationDate = creationDate
    }

    init?(stored json: JSONValue) {
        guard let id = json["GrantId"]?.stringValue, let token = json["Token"]?.stringValue, let key = json["KeyArn"]?.stringValue,
              let grantee = json["GranteePrincipal"]?.stringValue, let issuing = json["IssuingAccount"]?.stringValue else { return nil }
        func map(_ name: String) -> [String: String]? {
            guard let members = json[name]?.objectValue else { return nil }
            var out: [String: String] = [:]
            for (k, v) in members { out[k] = v.stringValue ?? "" }
            return out
        }
        self.init(grantId: id, token: token, keyArn: key, name: json["Name"]?.stringValue, granteePrincipal: grantee,
                  retiringPrincipal: json["RetiringPrincipal"]?.stringValue, issuingAccount: issuing,
                  operations: (json["Operations"]?.arrayValue ?? []).compactMap(\.stringValue), contextSubset: map("EncryptionContextSubset"),
                  contextEquals: map("EncryptionContextEquals"), creationDate: json["CreationDate"]?.stringValue.flatMap(Double.init) ?? 0)
    }
}
