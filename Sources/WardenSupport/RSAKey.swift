import CLibCrypto

/// An RSA key held by OpenSSL's libcrypto: the private key (sign and verify) or a public key
/// only (verify). SHA256withRSA (RSASSA-PKCS1-v1_5 with SHA-256) is the one scheme: JWT's RS256
/// for web identity tokens, CloudTrail's digest signatures.
///
/// @unchecked Sendable: the EVP_PKEY is never changed after creation, and OpenSSL allows one
/// key to be used by several threads at once, each with its own EVP_MD_CTX.
public final class RSAKey: @unchecked Sendable {
    let pkey: OpaquePointer

    init(pkey: OpaquePointer) { self.pkey = pkey }

    deinit { EVP_PKEY_free(pkey) }

    public struct Failure: Error, Sendable { public var message: String }

    /// A new key (2048 bits unless told).
    public static func generate(bits: Int32 = 2048) throws(Failure) -> RSAKey {
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw Failure(message: "EVP_PKEY_CTX_new_id failed") }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) == 1 else {
            throw Failure(message: "RSA key generation could not start")
        }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(ctx, &key) == 1, let key else { throw Failure(message: "RSA key generation failed") }
        return RSAKey(pkey: key)
    }

    /// A key from its DER private key (PKCS #1 RSAPrivateKey), as `privateKeyDER` writes it.
    public static func load(privateKeyDER der: [UInt8]) throws(Failure) -> RSAKey {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var p: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PrivateKey(EVP_PKEY_RSA, nil, &p, buffer.count)
        }
        guard let key else { throw Failure(message: "unreadable private key") }
        return RSAKey(pkey: key)
    }

    /// A verification-only key from a DER PKCS #1 RSAPublicKey.
    public static func load(publicKeyDER der: [UInt8]) throws(Failure) -> RSAKey {
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var p: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PublicKey(EVP_PKEY_RSA, nil, &p, buffer.count)
        }
        guard let key else { throw Failure(message: "unreadable public key") }
        return RSAKey(pkey: key)
    }

    /// A private key from PEM (PKCS #8 or traditional).
    public static func load(pem: String) throws(Failure) -> RSAKey {
        let bytes = Array(pem.utf8)
        let key: OpaquePointer? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else { throw Failure(message: "unreadable PEM private key") }
        return RSAKey(pkey: key)
    }

    /// The private key as PKCS #8 PEM.
    public var pem: String? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil) == 1 else { return nil }
        let pending = Int(BIO_ctrl_pending(bio))
        var buffer = [UInt8](repeating: 0, count: pending)
        let read = buffer.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(pending)) }
        guard read == pending else { return nil }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// DER PKCS #1 RSAPrivateKey.
    public var privateKeyDER: [UInt8] { encode { i2d_PrivateKey(pkey, $0) } }

    /// DER PKCS #1 RSAPublicKey (what CloudTrail's ListPublicKeys returns).
    public var publicKeyDER: [UInt8] { encode { i2d_PublicKey(pkey, $0) } }

    /// DER SubjectPublicKeyInfo (e.g. to name the key with a key id).
    public var subjectPublicKeyInfoDER: [UInt8] { encode { i2d_PUBKEY(pkey, $0) } }

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
        let sized: Bool = message.withUnsafeBufferPointer { m in EVP_DigestSign(ctx, nil, &length, m.baseAddress, m.count) == 1 }
        guard sized else { throw Failure(message: "signing failed") }
        var signature = [UInt8](repeating: 0, count: length)
        let signed: Bool = message.withUnsafeBufferPointer { m in
            signature.withUnsafeMutableBufferPointer { s in EVP_DigestSign(ctx, s.baseAddress, &length, m.baseAddress, m.count) == 1 }
        }
        guard signed else { throw Failure(message: "signing failed") }
        return Array(signature[0..<length])
    }

    /// Whether `signature` is this key's SHA256withRSA signature of `message`.
    public func verify(_ message: [UInt8], signature: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, EVP_sha256(), nil, pkey) == 1 else { return false }
        let ok = message.withUnsafeBufferPointer { m in
            signature.withUnsafeBufferPointer { s in EVP_DigestVerify(ctx, s.baseAddress, s.count, m.baseAddress, m.count) }
        }
        ERR_clear_error()
        return ok == 1
    }
}
