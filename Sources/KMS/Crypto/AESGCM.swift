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
        return Key(key).seal(plaintext, aad: aad)
    }

    /// Decrypts and authenticates; nil when the tag does not verify (wrong key, IV, AAD or
    /// altered bytes).
    public static func open(_ sealed: Sealed, key: [UInt8], aad: [UInt8] = []) -> [UInt8]? {
        guard key.count == keySize, sealed.iv.count == ivSize, sealed.tag.count == tagSize else { return nil }
        return sealed.iv.withUnsafeBytes { iv in
            sealed.tag.withUnsafeBytes { tag in
                sealed.ciphertext.withUnsafeBytes { ciphertext in
                    aad.withUnsafeBytes { Key(key).open(iv: iv, tag: tag, ciphertext: ciphertext, aad: $0) }
                }
            }
        }
    }

    /// A key with cipher contexts initialised under it, reused from call to call: setting a
    /// context up (the provider's parameter lookups, the key schedule, GHASH tables) cost
    /// several times the decryption of a 1 KB item (callgrind: ~7,500 instructions per item
    /// read). A context is used by one call at a time; the pools keep a few for the threads
    /// that ask at once.
    public final class Key: @unchecked Sendable {
        // @unchecked Sendable: `key` is immutable; the contexts are only touched by the one
        // call that took them out of a pool (under the pool's lock).
        private let key: [UInt8]
        /// Idle contexts (their addresses: pointers are not `Sendable`), per direction.
        private struct Pools { var encrypt: [UInt] = []; var decrypt: [UInt] = [] }
        private let pools = Mutex(Pools())
        static let pooled = 8

        public init(_ key: [UInt8]) {
            precondition(key.count == keySize, "AES-256 needs a 32-byte key")
            self.key = key
        }

        deinit {
            let idle = pools.withLock { $0.encrypt + $0.decrypt }
            for address in idle { EVP_CIPHER_CTX_free(OpaquePointer(bitPattern: address)) }
        }

        private func take(encrypt: Bool) -> OpaquePointer? {
            let idle = pools.withLock { encrypt ? $0.encrypt.popLast() : $0.decrypt.popLast() }
            if let idle, let ctx = OpaquePointer(bitPattern: idle) { return ctx }
            guard let ctx = EVP_CIPHER_CTX_new() else { return nil }
            var ok = EVP_CipherInit_ex(ctx, cipher ?? EVP_aes_256_gcm(), nil, nil, nil, encrypt ? 1 : 0)
            ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(ivSize), nil)
            ok &= key.withUnsafeBufferPointer { EVP_CipherInit_ex(ctx, nil, nil, $0.baseAddress, nil, encrypt ? 1 : 0) }
            guard ok == 1 else { EVP_CIPHER_CTX_free(ctx); return nil }
            return ctx
        }

        /// Back to its pool after a call that went through; a failed call's context is freed
        /// (its state is not worth reasoning about).
        private func give(_ ctx: OpaquePointer, encrypt: Bool, ok: Bool) {
            let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(ctx)))
            let kept = ok && pools.withLock { pools in
                if encrypt {
                    guard pools.encrypt.count < Self.pooled else { return false }
                    pools.encrypt.append(address)
                } else {
                    guard pools.decrypt.count < Self.pooled else { return false }
                    pools.decrypt.append(address)
                }
                return true
            }
            if !kept { EVP_CIPHER_CTX_free(ctx) }
        }

        /// Encrypts with a fresh IV.
        public func seal(_ plaintext: [UInt8], aad: [UInt8] = []) -> Sealed {
            let iv = nextIV()
            guard let ctx = take(encrypt: true) else { fatalError("EVP_CIPHER_CTX_new failed") }
            // A new IV on a keyed context: the key schedule stays, the GCM state restarts.
            var ok = iv.withUnsafeBufferPointer { EVP_CipherInit_ex(ctx, nil, nil, nil, $0.baseAddress, 1) }
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
            give(ctx, encrypt: true, ok: ok == 1)
            precondition(ok == 1, "AES-GCM encryption failed")
            out.removeLast(out.count - Int(total))
            return Sealed(iv: iv, ciphertext: out, tag: tag)
        }

        /// Decrypts and authenticates; nil when the tag does not verify (wrong key, IV, AAD or
        /// altered bytes).
        public func open(iv: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer,
                         aad: UnsafeRawBufferPointer) -> [UInt8]? {
            guard iv.count == ivSize, tag.count == tagSize, let ctx = take(encrypt: false) else { return nil }
            var ok = EVP_CipherInit_ex(ctx, nil, nil, nil, iv.baseAddress!.assumingMemoryBound(to: UInt8.self), 0)
            var length: Int32 = 0
            if aad.count > 0 {
                ok &= EVP_DecryptUpdate(ctx, nil, &length, aad.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(aad.count))
            }
            var out = [UInt8](repeating: 0, count: ciphertext.count + 16)
            var total: Int32 = 0
            if ciphertext.count > 0 {
                ok &= out.withUnsafeMutableBufferPointer { o in
                    EVP_DecryptUpdate(ctx, o.baseAddress, &length, ciphertext.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(ciphertext.count))
                }
                total = length
            }
            ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), UnsafeMutableRawPointer(mutating: tag.baseAddress!))
            if ok == 1 {
                ok &= out.withUnsafeMutableBufferPointer { EVP_DecryptFinal_ex(ctx, $0.baseAddress! + Int(total), &length) }
            }
            give(ctx, encrypt: false, ok: ok == 1)
            guard ok == 1 else { return nil }
            total += length
            out.removeLast(out.count - Int(total))
            return out
        }
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
