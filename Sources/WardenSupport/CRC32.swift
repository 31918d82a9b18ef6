import CZlib

/// CRC-32 (IEEE 802.3), as gzip trailers and DynamoDB's `x-amz-crc32` header carry it: the
/// system zlib's `crc32_z`, the one CRC32 of the whole server.
public enum CRC32 {
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(0, with: bytes)
    }

    /// The CRC of `previous`'s bytes followed by `bytes`.
    public static func update(_ previous: UInt32, with bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return previous }
        return UInt32(truncatingIfNeeded: crc32_z(uLong(previous), base.assumingMemoryBound(to: Bytef.self), z_size_t(bytes.count)))
    }
}
