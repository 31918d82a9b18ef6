import CLibCrypto
import WardenSupport

// SHA-256 and HMAC-SHA256 through OpenSSL's libcrypto.
//
// These are the only two primitives SigV4 needs. Both are one-shot calls; libcrypto keeps no
// state between calls, so the functions are safe to use from any thread.

/// Length in bytes of a SHA-256 digest (and of an HMAC-SHA256 tag).
let sha256DigestLength = 32

/// SHA-256, fetched from the default provider once. `EVP_sha256()` would make OpenSSL 3 look the
/// implementation up (under a read-write lock) on every digest.
///
/// `nonisolated(unsafe)`: an `EVP_MD` pointer is not `Sendable` to Swift, but this one is written
/// once (at first use, by Swift's thread-safe global initialisation) and never freed, and OpenSSL
/// documents fetched algorithm objects as safe to share between threads.
nonisolated(unsafe) let sha256Algorithm: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil) ?? EVP_sha256()

/// SHA-256 of `bytes`, as 32 raw bytes.
@inline(__always)
func sha256(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { sha256(UnsafeRawBufferPointer($0)) }
}

/// SHA-256 of a raw buffer, as 32 raw bytes.
func sha256(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: sha256DigestLength)
    var length: UInt32 = 0
    // libcrypto wants a non-NULL pointer even for zero bytes; an empty Swift buffer may have none.
    let placeholder: [UInt8] = [0]
    let ok = placeholder.withUnsafeBytes { empty in
        digest.withUnsafeMutableBufferPointer { out in
            EVP_Digest(buffer.count > 0 ? buffer.baseAddress! : empty.baseAddress!, buffer.count,
                       out.baseAddress, &length, sha256Algorithm, nil)
        }
    }
    precondition(ok == 1 && length == UInt32(sha256DigestLength), "libcrypto EVP_Digest(SHA-256) failed")
    return digest
}

/// Lower-case hexadecimal SHA-256 of `bytes` (64 characters), as SigV4 uses for payload hashes.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    Hex.encode(sha256(bytes))
}

/// HMAC-SHA256 of `data` under `key`, as 32 raw bytes.
public func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
    data.withUnsafeBufferPointer { hmacSHA256(key: key, data: UnsafeRawBufferPointer($0)) }
}

/// HMAC-SHA256 over a raw buffer.
func hmacSHA256(key: [UInt8], data: UnsafeRawBufferPointer) -> [UInt8] {
    var tag = [UInt8](repeating: 0, count: sha256DigestLength)
    var length: UInt32 = 0
    // As above: never hand libcrypto a NULL pointer, even for an empty key or empty data.
    let placeholder: [UInt8] = [0]
    let result = placeholder.withUnsafeBytes { empty in
        key.withUnsafeBytes { keyBytes in
            tag.withUnsafeMutableBufferPointer { out in
                HMAC(sha256Algorithm,
                     key.isEmpty ? empty.baseAddress! : keyBytes.baseAddress!, Int32(key.count),
                     (data.count > 0 ? data.baseAddress! : empty.baseAddress!).assumingMemoryBound(to: UInt8.self),
                     data.count, out.baseAddress, &length)
            }
        }
    }
    precondition(result != nil && length == UInt32(sha256DigestLength), "libcrypto HMAC(SHA-256) failed")
    return tag
}

/// Constant-time equality of two byte sequences (OpenSSL `CRYPTO_memcmp`).
///
/// The lengths are compared first (a length is not a secret here: signatures and tokens have
/// public formats); equal-length contents are compared without an early exit.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in
        b.withUnsafeBytes { pb in
            CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0
        }
    }
}
