import CLibCrypto

/// SHA-256 of `bytes` (the web identity key's id).
func sha256Digest(_ bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    bytes.withUnsafeBytes { raw in
        digest.withUnsafeMutableBytes { out in
            _ = SHA256(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self))
        }
    }
    return digest
}
