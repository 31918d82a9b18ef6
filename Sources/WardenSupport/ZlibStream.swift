import CZlib

/// Why compressed bytes could not be inflated.
public struct CompressionFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Not the format, truncated, a checksum mismatch, or any other damage.
        case corrupt
        /// The output would pass the caller's cap (a "zip bomb" is the usual cause).
        case tooLarge
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    static func tooLarge(_ cap: Int) -> CompressionFailure {
        CompressionFailure(.tooLarge, "decompressed data larger than \(cap) bytes")
    }
}

/// The three containers zlib writes and reads, by their `windowBits`.
enum ZlibFormat {
    /// RFC 1951 raw DEFLATE.
    case raw
    /// RFC 1950: DEFLATE with a two-byte header and an Adler-32 trailer (HTTP's `deflate`).
    case zlib
    /// RFC 1952: one gzip member.
    case gzip

    var windowBits: Int32 {
        switch self {
        case .raw: return -MAX_WBITS
        case .zlib: return MAX_WBITS
        case .gzip: return MAX_WBITS + 16
        }
    }
}

/// One-shot compression and capped, one-stream decompression over the system zlib.
enum ZlibStream {
    static let streamSize = Int32(MemoryLayout<z_stream>.size)

    /// Compresses all of `input` into one stream (level 6, zlib's default: JSON shrinks 5–10×).
    static func compress(_ input: UnsafeRawBufferPointer, format: ZlibFormat, level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        // Fails only for invalid arguments or when zlib cannot allocate its state.
        guard deflateInit2_(&stream, level, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(), streamSize) == Z_OK else {
            fatalError("deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        // deflateBound is an upper bound for a single Z_FINISH call (inputs here stay far below 4 GB).
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        return [UInt8](unsafeUninitializedCapacity: bound) { out, written in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(bound)
            let status = deflate(&stream, Z_FINISH)
            precondition(status == Z_STREAM_END, "deflate did not finish within deflateBound")
            written = Int(stream.total_out)
        }
    }

    /// Inflates one stream from the start of `input`, appending to `output` and never letting
    /// it pass `cap` bytes. Returns how many input bytes the stream used (what follows it is
    /// the caller's business).
    static func inflateOne(_ input: UnsafeRawBufferPointer, format: ZlibFormat, into output: inout [UInt8], cap: Int)
        throws(CompressionFailure) -> Int {
        var stream = z_stream()
        guard inflateInit2_(&stream, format.windowBits, zlibVersion(), streamSize) == Z_OK else {
            throw CompressionFailure(.corrupt, "inflate could not start")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(min(input.count, Int(UInt32.max)))
        output.reserveCapacity(min(output.count + max(input.count * 4, 4096), cap + 1))
        var status: Int32 = Z_OK
        repeat {
            // At most one byte past the cap, so that "exactly the cap" and "past it" differ.
            let room = min(64 * 1024, cap + 1 - output.count)
            guard room > 0 else { throw CompressionFailure.tooLarge(cap) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { chunk in
                stream.next_out = chunk.baseAddress
                stream.avail_out = uInt(room)
                status = inflate(&stream, Z_NO_FLUSH)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<(room - Int(stream.avail_out))]))
            }
            if output.count > cap { throw CompressionFailure.tooLarge(cap) }
            switch status {
            case Z_STREAM_END:
                return Int(stream.total_in)
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // Output room was there, so the input ran out before the stream's end.
                throw CompressionFailure(.corrupt, "unexpected end of compressed data")
            case Z_NEED_DICT:
                throw CompressionFailure(.corrupt, "the stream needs a preset dictionary")
            case Z_MEM_ERROR:
                throw CompressionFailure(.corrupt, "out of memory")
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "invalid compressed data"
                throw CompressionFailure(.corrupt, message)
            }
        } while true
    }
}
