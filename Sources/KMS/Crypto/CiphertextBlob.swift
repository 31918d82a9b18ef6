/// Warden's ciphertext blob for symmetric KMS keys. AWS's format is opaque; ours is
///
///     0x01 | u16 length | key ARN (UTF-8) | u32 material version | IV (12) | tag (16) | ciphertext
///
/// so Decrypt finds the key without a KeyId (as AWS's does). The header (everything before
/// the IV) and the canonical encryption context are the AEAD's additional data: changing
/// the named key, the version or the context makes the tag fail.
public struct CiphertextBlob: Sendable, Equatable {
    static let formatVersion: UInt8 = 1

    public var keyArn: String
    public var materialVersion: UInt32
    public var sealed: AESGCM.Sealed

    public init(keyArn: String, materialVersion: UInt32, sealed: AESGCM.Sealed) {
        self.keyArn = keyArn
        self.materialVersion = materialVersion
        self.sealed = sealed
    }

    static func header(keyArn: String, materialVersion: UInt32) -> [UInt8] {
        let arn = Array(keyArn.utf8)
        var out: [UInt8] = [formatVersion, UInt8(arn.count >> 8), UInt8(arn.count & 0xFF)]
        out += arn
        let v = materialVersion
        out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        return out
    }

    /// Encrypts `plaintext` under one version of a key's material.
    public static func encrypt(_ plaintext: [UInt8], keyArn: String, materialVersion: UInt32, material: [UInt8],
                               context: EncryptionContext) -> CiphertextBlob {
        let aad = header(keyArn: keyArn, materialVersion: materialVersion) + context.canonicalBytes
        return CiphertextBlob(keyArn: keyArn, materialVersion: materialVersion, sealed: AESGCM.seal(plaintext, key: material, aad: aad))
    }

    public func decrypt(material: [UInt8], context: EncryptionContext) -> [UInt8]? {
        let aad = Self.header(keyArn: keyArn, materialVersion: materialVersion) + context.canonicalBytes
        return AESGCM.open(sealed, key: material, aad: aad)
    }

    public var bytes: [UInt8] {
        Self.header(keyArn: keyArn, materialVersion: materialVersion) + sealed.iv + sealed.tag + sealed.ciphertext
    }

    /// Parses a blob; nil for anything not in this format (InvalidCiphertextException).
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 3, bytes[0] == Self.formatVersion else { return nil }
        let n = Int(bytes[1]) << 8 | Int(bytes[2])
        let fixed = 3 + n + 4
        guard bytes.count >= fixed + AESGCM.ivSize + AESGCM.tagSize,
              let arn = String(validating: bytes[3..<(3 + n)], as: UTF8.self) else { return nil }
        let v = bytes[(3 + n)..<fixed].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let iv = Array(bytes[fixed..<(fixed + AESGCM.ivSize)])
        let tag = Array(bytes[(fixed + AESGCM.ivSize)..<(fixed + AESGCM.ivSize + AESGCM.tagSize)])
        let ciphertext = Array(bytes[(fixed + AESGCM.ivSize + AESGCM.tagSize)...])
        self.init(keyArn: arn, materialVersion: v, sealed: AESGCM.Sealed(iv: iv, ciphertext: ciphertext, tag: tag))
    }
}
