import CLibCrypto
import WardenSupport

/// SHA-256, MD5 fingerprints and SHA256withRSA signatures through OpenSSL's libcrypto, for
/// digest files.
public enum DigestCrypto {
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { digest(bytes, EVP_sha256()) }

    public static func sha256Hex(_ bytes: [UInt8]) -> String { hex(sha256(bytes)) }

    static func digest(_ bytes: [UInt8], _ md: OpaquePointer?) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let placeholder: [UInt8] = [0]
        let ok = bytes.withUnsafeBufferPointer { input in
            placeholder.withUnsafeBufferPointer { empty in
                EVP_Digest(input.count > 0 ? input.baseAddress : empty.baseAddress, input.count, &out, &length, md, nil)
            }
        }
        precondition(ok == 1, "libcrypto EVP_Digest failed")
        return Array(out[0..<Int(length)])
    }

    public static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

    public static func unhex(_ text: String) -> [UInt8]? { Hex.decode(text) }
}

/// The digest signing key: an RSA key pair (the private half signs digests; a public-only
/// key verifies them).
public typealias SigningKey = RSAKey

extension RSAKey {
    /// CloudTrail's `digestPublicKeyFingerprint`: hex MD5 of the DER public key.
    public var fingerprint: String { DigestCrypto.hex(DigestCrypto.digest(publicKeyDER, EVP_md5())) }
}
