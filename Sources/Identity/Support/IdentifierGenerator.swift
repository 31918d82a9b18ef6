/// Makes identifiers the way IAM and STS shape them:
/// unique ids of 21 characters with a type prefix (AIDA users, AROA roles, AGPA groups,
/// ANPA managed policies), access key ids of 20 (AKIA long-term, ASIA temporary), secrets of
/// 40 characters, and opaque session tokens. ("Understanding unique ID prefixes", IAM User
/// Guide, reference_identifiers.)
public enum IdentifierGenerator {
    static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    public enum Prefix: String, Sendable {
        case user = "AIDA"
        case role = "AROA"
        case group = "AGPA"
        case managedPolicy = "ANPA"
        case accessKey = "AKIA"
        case temporaryAccessKey = "ASIA"
    }

    static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))]) }
        return out
    }

    /// A unique id: prefix + 17 characters (21 in all).
    public static func uniqueId(_ prefix: Prefix) -> String {
        prefix.rawValue + random(17, from: idAlphabet)
    }

    /// An access key id: prefix + 16 characters (20 in all).
    public static func accessKeyId(temporary: Bool = false) -> String {
        (temporary ? Prefix.temporaryAccessKey : Prefix.accessKey).rawValue + random(16, from: idAlphabet)
    }

    /// A 40-character secret access key.
    public static func secretAccessKey() -> String {
        random(40, from: secretAlphabet)
    }

    /// An opaque session token (STS's tokens are long base64 strings starting "IQoJb3JpZ2lu"
    /// or "FwoGZXIvYXdz"; ours are random and only need to be unguessable).
    public static func sessionToken() -> String {
        "IQoJb3JpZ2luX2VjE" + random(300, from: secretAlphabet)
    }
}
