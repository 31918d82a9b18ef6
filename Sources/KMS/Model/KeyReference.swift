/// A `KeyId` as a request gives it: a key id, a key ARN, an alias name (`alias/…`) or an
/// alias ARN. Which forms an operation takes is the operation's to say (AWS: the
/// cryptographic operations and DescribeKey take all four; management operations take a key
/// id or key ARN only).
public enum KeyReference: Sendable, Equatable {
    case keyId(String)
    case keyArn(account: String, region: String, keyId: String)
    case aliasName(String)
    case aliasArn(account: String, region: String, name: String)

    public init?(_ text: String) {
        if text.hasPrefix("alias/") {
            guard text.count > "alias/".count else { return nil }
            self = .aliasName(text)
            return
        }
        if text.hasPrefix("arn:") {
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 6, parts[1].hasPrefix("aws"), parts[2] == "kms", !parts[3].isEmpty, !parts[4].isEmpty else { return nil }
            if parts[5].hasPrefix("key/") {
                let id = String(parts[5].dropFirst(4))
                guard KeyReference.isKeyId(id) else { return nil }
                self = .keyArn(account: parts[4], region: parts[3], keyId: id)
                return
            }
            if parts[5].hasPrefix("alias/"), parts[5].count > "alias/".count {
                self = .aliasArn(account: parts[4], region: parts[3], name: parts[5])
                return
            }
            return nil
        }
        guard KeyReference.isKeyId(text) else { return nil }
        self = .keyId(text)
    }

    public var isAlias: Bool {
        switch self {
        case .aliasName, .aliasArn: return true
        case .keyId, .keyArn: return false
        }
    }

    /// A key id: a UUID (8-4-4-4-12 hex digits), or `mrk-` and 32 hex digits.
    static func isKeyId(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func hex(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 102) || (b >= 65 && b <= 70) }
        if text.hasPrefix("mrk-") { return bytes.count == 36 && bytes[4...].allSatisfy(hex) }
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) { if b != UInt8(ascii: "-") { return false } } else if !hex(b) { return false }
        }
        return true
    }
}
