import CLibCrypto
import WardenSupport

// SHA-256 and HMAC-SHA256 through OpenSSL's libcrypto.
//
// These are the only two primitives SigV4 needs. Both are one-shot calls; libcrypto keeps no
// state between calls, so the functions are safe to use from any thread.

/// Length in bytes of a SHA-256 digest (and of an HMAC-SHA256 tag).
let sha256DigestLength = 32

/// SHA-256 of `bytes`, as 32 raw bytes.
@inline(__always)
func sha256(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { sha256(UnsafeRawBufferPointer($0)) }
}

/// SHA-256 of a raw buffer, as 32 raw bytes (libcrypto's low-level SHA-256: see shim.h for why
/// not the EVP one-shot calls).
func sha256(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: sha256DigestLength) { out, count in
        // libcrypto wants a non-NULL pointer even for zero bytes; an empty Swift buffer may have none.
        withUnsafeBytes(of: UInt8(0)) { empty in
            warden_sha256((buffer.count > 0 ? buffer.baseAddress! : empty.baseAddress!).assumingMemoryBound(to: UInt8.self),
                          buffer.count, out.baseAddress)
        }
        count = sha256DigestLength
    }
}

/// Lower-case hexadecimal SHA-256 of `bytes` (64 characters), as SigV4 uses for payload hashes.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    Hex.encode(sha256(bytes))
}

/// HMAC-SHA256 of `data` under `key`, as 32 raw bytes.
public func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
    data.withUnsafeBufferPointer { hmacSHA256(key: key, data: UnsafeRawBufferPointer($0)) }
}

/// HMAC-SHA256 over a raw buffer (RFC 2104 on libcrypto's low-level SHA-256: shim.h).
func hmacSHA256(key: [UInt8], data: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: sha256DigestLength) { out, count in
        // As above: never hand libcrypto a NULL pointer, even for an empty key or empty data.
        withUnsafeBytes(of: UInt8(0)) { empty in
            key.withUnsafeBytes { keyBytes in
                warden_hmac_sha256((key.isEmpty ? empty.baseAddress! : keyBytes.baseAddress!).assumingMemoryBound(to: UInt8.self), key.count,
                                   (data.count > 0 ? data.baseAddress! : empty.baseAddress!).assumingMemoryBound(to: UInt8.self),
                                   data.count, out.baseAddress)
            }
        }
        count = sha256DigestLength
    }
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
