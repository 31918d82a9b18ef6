import CLibCrypto
import Synchronization

/// AES-256-GCM through libcrypto's EVP interface: 12-byte IV, 16-byte tag.
public enum AESGCM {
    public static let keySize = 32
    public static let ivSize = 12
    public static let tagSize = 16

    public struct Sealed: Sendable, Equatable {
        public var iv: [UInt8]
        public var ciphertext: [UInt8]
        public var tag: [UInt8]
    }

    /// The cipher, fetched once: OpenSSL 3 looks `EVP_aes_256_gcm()` up again on every
    /// initialisation otherwise (an explicit fetch is its documented remedy).
    /// nonisolated(unsafe): written once at first use, then only read; EVP_CIPHER objects are
    /// safe to share between threads.
    nonisolated(unsafe) private static let cipher: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil)

    /// IVs by NIST SP 800-38D's deterministic construction (§8.2.1): a random 8-byte field
    /// drawn at start-up (and again every 2^32 invocations) followed by a 4-byte invocation
    /// counter, so no IV repeats within a process, and across processes only if two random
    /// fields collide (2^-64 per pair). A fresh RAND_bytes per seal cost ~2 µs; this costs a
    /// lock.
    private static let ivSource = Mutex<(field: [UInt8], counter: UInt32)>((SecureRandom.bytes(8), 0))

    static func nextIV() -> [UInt8] {
        ivSource.withLock { source in
            if source.counter == UInt32.max {
                source.field = SecureRandom.bytes(8)
                source.counter = 0
            }
            source.counter += 1
            let c = source.counter
            return source.field + [UInt8(c >> 24), UInt8((c >> 16) & 0xFF), UInt8((c >> 8) & 0xFF), UInt8(c & 0xFF)]
        }
    }

    /// Encrypts under `key` (32 bytes) with a fresh IV.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], aad: [UInt8] = []) -> Sealed {
        precondition(key.count == keySize, "AES-256 needs a 32-byte key")
        let iv = nextIV()
        guard let ctx = EVP_CIPHER_CTX_new() else { fatalError("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var ok = EVP_EncryptInit_ex(ctx, cipher ?? EVP_aes_256_gcm(), nil, nil, nil)
        ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(ivSize), nil)
        ok &= key.withUnsafeBufferPointer { k in iv.withUnsafeBufferPointer { i in EVP_EncryptInit_ex(ctx, nil, nil, k.baseAddress, i.baseAddress) } }
        var length: Int32 = 0
        if !aad.isEmpty {
            ok &= aad.withUnsafeBufferPointer { EVP_EncryptUpdate(ctx, nil, &length, $0.baseAddress, Int32(aad.count)) }
        }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var total: Int32 = 0
        if !plaintext.isEmpty {
            ok &= out.withUnsafeMutableBufferPointer { o in
                plaintext.withUnsafeBufferPointer { EVP_EncryptUpdate(ctx, o.baseAddress, &length, $0.baseAddress, Int32(plaintext.count)) }
            }
            total = length
        }
        ok &= out.withUnsafeMutableBufferPointer { EVP_EncryptFinal_ex(ctx, $0.baseAddress! + Int(total), &length) }
        total += length
        var tag = [UInt8](repeating: 0, count: tagSize)
        ok &= tag.withUnsafeMutableBufferPointer { EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, Int32(tagSize), $0.baseAddress) }
        precondition(ok == 1, "AES-GCM encryption failed")
        return Sealed(iv: iv, ciphertext: Array(out[0..<Int(total)]), tag: tag)
    }

    /// Decrypts and authenticates; nil when the tag does not verify (wrong key, IV, AAD or
    /// altered bytes).
    public static func open(_ sealed: Sealed, key: [UInt8], aad: [UInt8] = []) -> [UInt8]? {
        guard key.count == keySize, sealed.iv.count == ivSize, sealed.tag.count == tagSize else { return nil }
        guard let ctx = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var ok = EVP_DecryptInit_ex(ctx, cipher ?? EVP_aes_256_gcm(), nil, nil, nil)
        ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(ivSize), nil)
        ok &= key.withUnsafeBufferPointer { k in sealed.iv.withUnsafeBufferPointer { i in EVP_DecryptInit_ex(ctx, nil, nil, k.baseAddress, i.baseAddress) } }
        var length: Int32 = 0
        if !aad.isEmpty {
            ok &= aad.withUnsafeBufferPointer { EVP_DecryptUpdate(ctx, nil, &length, $0.baseAddress, Int32(aad.count)) }
        }
        var out = [UInt8](repeating: 0, count: sealed.ciphertext.count + 16)
        var total: Int32 = 0
        if !sealed.ciphertext.isEmpty {
            ok &= out.withUnsafeMutableBufferPointer { o in
                sealed.ciphertext.withUnsafeBufferPointer {
                    EVP_DecryptUpdate(ctx, o.baseAddress, &length, $0.baseAddress, Int32(sealed.ciphertext.count))
                }
            }
            total = length
        }
        var tag = sealed.tag
        ok &= tag.withUnsafeMutableBufferPointer { EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), $0.baseAddress) }
        guard ok == 1 else { return nil }
        let final = out.withUnsafeMutableBufferPointer { EVP_DecryptFinal_ex(ctx, $0.baseAddress! + Int(total), &length) }
        guard final == 1 else { return nil }
        total += length
        return Array(out[0..<Int(total)])
    }

    /// iv ‖ tag ‖ ciphertext, for storing a sealed value in one blob.
    public static func sealCombined(_ plaintext: [UInt8], key: [UInt8], aad: [UInt8] = []) -> [UInt8] {
        let s = seal(plaintext, key: key, aad: aad)
        return s.iv + s.tag + s.ciphertext
    }

    public static func openCombined(_ blob: [UInt8], key: [UInt8], aad: [UInt8] = []) -> [UInt8]? {
        guard blob.count >= ivSize + tagSize else { return nil }
        let sealed = Sealed(iv: Array(blob[0..<ivSize]), ciphertext: Array(blob[(ivSize + tagSize)...]),
                            tag: Array(blob[ivSize..<(ivSize + tagSize)]))
        return open(sealed, key: key, aad: aad)
    }
}
