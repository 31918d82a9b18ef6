/// The gzip container (RFC 1952) through the system zlib: CloudTrail's `.json.gz` files,
/// `Content-Encoding: gzip` request bodies and answers.
public enum Gzip {
    /// What `decompress` does with bytes after the last member that do not start another one.
    public enum TrailingBytes: Sendable {
        /// They are an error: a file is a sequence of whole members.
        case rejected
        /// They are dropped, as Java's `GZIPInputStream` drops them (and DynamoDB with it: a
        /// valid body followed by junk is accepted).
        case ignored
    }

    /// Output bytes `decompress` writes at most unless told otherwise: a few kilobytes can
    /// claim gigabytes (a "zip bomb" planted in a trail folder); Warden's own log files are far
    /// smaller (delivery starts a new file past 16 MB).
    public static let defaultMaxOutputBytes = 256 << 20

    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { ZlibStream.compress($0, format: .gzip) }
    }

    /// Decompresses every member (RFC 1952 allows several, concatenated), checking each CRC
    /// and size, never writing more than `maxOutputBytes`.
    public static func decompress(_ data: [UInt8], maxOutputBytes: Int = defaultMaxOutputBytes,
                                  trailing: TrailingBytes = .rejected) throws(CompressionFailure) -> [UInt8] {
        var output: [UInt8] = []
        let failure: CompressionFailure? = data.withUnsafeBytes { (all: UnsafeRawBufferPointer) -> CompressionFailure? in
            guard !all.isEmpty else { return CompressionFailure(.corrupt, "not a gzip file") }
            var position = 0
            repeat {
                let rest = UnsafeRawBufferPointer(rebasing: all[position...])
                if position > 0, trailing == .ignored, !startsMember(rest) { return nil }
                do throws(CompressionFailure) {
                    position += try ZlibStream.inflateOne(rest, format: .gzip, into: &output, cap: maxOutputBytes)
                } catch {
                    return error
                }
            } while position < all.count
            return nil
        }
        if let failure { throw failure }
        return output
    }

    /// A gzip member's fixed header: magic, DEFLATE, no reserved flags, ten bytes in all.
    static func startsMember(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 10 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 8 && bytes[3] & 0xE0 == 0
    }
}
