/// HTTP's `deflate` coding, the zlib format (RFC 1950: DEFLATE with a header and an Adler-32
/// trailer), through the system zlib. Also how audit records hold large bodies in memory.
public enum Deflate {
    /// `level` 1 (fastest) to 9 (smallest); zlib's default is 6.
    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        input.withUnsafeBytes { ZlibStream.compress($0, format: .zlib, level: level) }
    }

    /// Decompresses the one zlib stream at the start of `data`, never writing more than
    /// `maxOutputBytes`. Bytes after the stream's end are ignored, as Java's
    /// `InflaterInputStream` ignores them.
    public static func decompress(_ data: [UInt8], maxOutputBytes: Int) throws(CompressionFailure) -> [UInt8] {
        var output: [UInt8] = []
        let failure: CompressionFailure? = data.withUnsafeBytes { (all: UnsafeRawBufferPointer) -> CompressionFailure? in
            guard !all.isEmpty else { return CompressionFailure(.corrupt, "unexpected end of compressed data") }
            do throws(CompressionFailure) {
                _ = try ZlibStream.inflateOne(all, format: .zlib, into: &output, cap: maxOutputBytes)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        return output
    }
}
