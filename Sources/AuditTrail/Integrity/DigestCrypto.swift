import CLibCrypto

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

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func unhex(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

/// An RSA key pair for signing digests (the private half) or verifying them (public only).
/// @unchecked Sendable: the EVP_PKEY is never mutated after creation, and OpenSSL allows a key
/// to be used for signing and verifying from several threads at once.
public final class SigningKey: @unchecked Sendable {
    let pkey: OpaquePointer

    init(pkey: OpaquePointer) { self.pkey = pkey }

    deinit { EVP_PKEY_free(pkey) }

    public struct Failure: Error, Sendable { public var message: String }

    /// A new 2048-bit RSA key.
    public static func generate(bits: Int32 = 2048) throws(Failure) -> SigningKey {
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw Failure(message: "EVP_PKEY_CTX_new_id failed") }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) == 1 else {
            throw Failure(message: "RSA key generation could not start")
        }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(ctx, &key) == 1, let key else { throw Failure(message: "RSA key generation failed") }
        return SigningKey(pkey: key)
    }

    /// A key from its DER private key (PKCS #1 RSAPrivateKey), as `privateKeyDER` writes it.
    public static func load(privateKeyDER der: [UInt8]) throws(Failure) -> SigningKey {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var p: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PrivateKey(EVP_PKEY_RSA, nil, &p, buffer.count)
        }
        guard let key else { throw Failure(message: "unreadable private key") }
        return SigningKey(pkey: key)
    }

    /// A verification-only key from a DER PKCS #1 RSAPublicKey (what ListPublicKeys returns).
    public static func load(publicKeyDER der: [UInt8]) throws(Failure) -> SigningKey {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var p: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PublicKey(EVP_PKEY_RSA, nil, &p, buffer.count)
        }
        guard let key else { throw Failure(message: "unreadable public key") }
        return SigningKey(pkey: key)
    }

    public var privateKeyDER: [UInt8] { encode { i2d_PrivateKey(pkey, $0) } }

    /// DER PKCS #1 RSAPublicKey.
    public var publicKeyDER: [UInt8] { encode { i2d_PublicKey(pkey, $0) } }

    /// CloudTrail's `digestPublicKeyFingerprint`: hex MD5 of the DER public key.
    public var fingerprint: String { DigestCrypto.hex(DigestCrypto.digest(publicKeyDER, EVP_md5())) }

    func encode(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8] {
        let length = body(nil)
        guard length > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: Int(length))
        out.withUnsafeMutableBufferPointer { buffer in
            var p: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = body(&p)
        }
        return out
    }

    /// SHA256withRSA (PKCS #1 v1.5) signature of `message`.
    public func sign(_ message: [UInt8]) throws(Failure) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw Failure(message: "EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, EVP_sha256(), nil, pkey) == 1 else { throw Failure(message: "cannot sign with this key") }
        var length = 0
        let ok: Bool = message.withUnsafeBufferPointer { m in
            guard EVP_DigestSign(ctx, nil, &length, m.baseAddress, m.count) == 1 else { return false }
            return true
        }
        guard ok else { throw Failure(message: "signing failed") }
        var signature = [UInt8](repeating: 0, count: length)
        let signed: Bool = message.withUnsafeBufferPointer { m in
            signature.withUnsafeMutableBufferPointer { s in EVP_DigestSign(ctx, s.baseAddress, &length, m.baseAddress, m.count) == 1 }
        }
        guard signed else { throw Failure(message: "signing failed") }
        return Array(signature[0..<length])
    }

    public func verify(_ message: [UInt8], signature: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, EVP_sha256(), nil, pkey) == 1 else { return false }
        return message.withUnsafeBufferPointer { m in
            signature.withUnsafeBufferPointer { s in EVP_DigestVerify(ctx, s.baseAddress, s.count, m.baseAddress, m.count) == 1 }
        }
    }
}
