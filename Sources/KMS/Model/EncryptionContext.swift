/// An encryption context: non-secret key-value pairs bound to a ciphertext as additional
/// authenticated data; Decrypt must present exactly the same pairs.
public struct EncryptionContext: Sendable, Equatable {
    public var pairs: [String: String]

    public init(_ pairs: [String: String] = [:]) { self.pairs = pairs }

    public var isEmpty: Bool { pairs.isEmpty }

    /// Order-independent bytes for the AEAD: each key and value length-prefixed, keys sorted
    /// by their UTF-8 bytes.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        for (key, value) in pairs.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            for part in [key, value] {
                let bytes = Array(part.utf8)
                let n = UInt32(bytes.count)
                out += [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
                out += bytes
            }
        }
        return out
    }

    /// The condition keys `kms:EncryptionContext:<key>` and `kms:EncryptionContextKeys`.
    public var conditionKeys: [String: [String]] {
        var keys: [String: [String]] = [:]
        for (k, v) in pairs { keys["kms:EncryptionContext:\(k)"] = [v] }
        if !pairs.isEmpty { keys["kms:EncryptionContextKeys"] = pairs.keys.sorted() }
        return keys
    }
}
