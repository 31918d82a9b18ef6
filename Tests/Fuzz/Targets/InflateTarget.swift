import WardenSupport

/// The zlib-backed gzip and deflate decoders (`warden trail validate` reads files an attacker
/// may have written; request bodies arrive with `Content-Encoding`): any bytes inflate or fail
/// cleanly within the output cap, and what the compressors write inflates back to the input.
enum InflateTarget {
    static let cap = 1 << 20

    static let target = FuzzTarget(name: "inflate") { bytes in
        for trailing in [Gzip.TrailingBytes.rejected, .ignored] {
            do throws(CompressionFailure) {
                let output = try Gzip.decompress(bytes, maxOutputBytes: cap, trailing: trailing)
                check(output.count <= cap, "gunzip wrote past its cap")
            } catch {
                check(error.kind == .tooLarge || !error.reason.isEmpty, "a failure without a reason")
            }
        }
        if let output = try? Deflate.decompress(bytes, maxOutputBytes: cap) {
            check(output.count <= cap, "inflate wrote past its cap")
        }
        check((try? Deflate.decompress(Deflate.compress(bytes), maxOutputBytes: bytes.count)) == bytes, "deflate → inflate changed the bytes")
        check((try? Gzip.decompress(Gzip.compress(bytes), maxOutputBytes: bytes.count)) == bytes, "gzip → gunzip changed the bytes")
        check(CRC32.checksum(bytes) == bytes.withUnsafeBytes { CRC32.checksum($0) }, "two CRC32 entry points disagree")
    }
}
