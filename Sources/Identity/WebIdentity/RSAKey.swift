import CLibCrypto

/// An RSA private key held by OpenSSL, with RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signing
/// and verification.
/// @unchecked Sendable: the EVP_PKEY is never changed after creation, and OpenSSL allows one
/// key to be used by several threads at once, each with its own EVP_MD_CTX.
final class RSAKey: @unchecked Sendable {
    private let key: OpaquePointer

    private init(key: OpaquePointer) { self.key = key }

    deinit { EVP_PKEY_free(key) }

    /// A new 2048-bit key.
    static func generate() -> RSAKey? {
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) == 1 else { return nil }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen(ctx, &pkey) == 1, let pkey else { return nil }
        return RSAKey(key: pkey)
    }

    /// Reads a PEM-encoded private key.
    static func fromPEM(_ pem: String) -> RSAKey? {
        let bytes = Array(pem.utf8)
        return bytes.withUnsafeBytes { raw -> RSAKey? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            guard let pkey = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else { return nil }
            return RSAKey(key: pkey)
        }
    }

    /// The private key as PKCS#8 PEM.
    var pem: String? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil) == 1 else { return nil }
        let pending = Int(BIO_ctrl_pending(bio))
        var buffer = [UInt8](repeating: 0, count: pending)
        let read = buffer.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(pending)) }
        guard read == pending else { return nil }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The public key as DER (SubjectPublicKeyInfo), e.g. to name it with a key id.
    var publicKeyDER: [UInt8] {
        var pointer: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &pointer)
        guard length > 0, let pointer else { return [] }
        defer { CRYPTO_free(pointer, #file, #line) }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
    }

    func signSHA256(_ message: [UInt8]) -> [UInt8]? {
        guard let ctx = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, EVP_sha256(), nil, key) == 1 else { return nil }
        var length = 0
        guard message.withUnsafeBytes({ EVP_DigestSign(ctx, nil, &length, $0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count) }) == 1 else { return nil }
        var signature = [UInt8](repeating: 0, count: length)
        let ok = signature.withUnsafeMutableBytes { out in
            message.withUnsafeBytes { EVP_DigestSign(ctx, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, $0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count) }
        }
        guard ok == 1 else { return nil }
        return Array(signature.prefix(length))
    }

    func verifySHA256(_ message: [UInt8], signature: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, EVP_sha256(), nil, key) == 1 else { return false }
        let ok = signature.withUnsafeBytes { sig in
            message.withUnsafeBytes {
                EVP_DigestVerify(ctx, sig.baseAddress?.assumingMemoryBound(to: UInt8.self), sig.count,
                                 $0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count)
            }
        }
        ERR_clear_error()
        return ok == 1
    }
}

func sha256Digest(_ bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    bytes.withUnsafeBytes { raw in
        digest.withUnsafeMutableBytes { out in
            _ = SHA256(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self))
        }
    }
    return digest
}
