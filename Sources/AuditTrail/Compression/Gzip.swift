/// The gzip container (RFC 1952) around `Deflate`: what CloudTrail's `.json.gz` files are.
public enum Gzip {
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]
        out += Deflate.compress(input)
        out += littleEndian(GzipCRC32.checksum(input))
        out += littleEndian(UInt32(truncatingIfNeeded: input.count))
        return out
    }

    /// Decompresses every member of a gzip file, checking each CRC and size.
    public static func decompress(_ data: [UInt8]) throws(Inflate.Failure) -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        repeat {
            guard data.count - position >= 18, data[position] == 0x1F, data[position + 1] == 0x8B, data[position + 2] == 8 else {
                throw Inflate.Failure(reason: "not a gzip file")
            }
            let flags = data[position + 3]
            var p = position + 10
            if flags & 0x04 != 0 {
                guard p + 2 <= data.count else { throw Inflate.Failure(reason: "truncated header") }
                p += 2 + (Int(data[p]) | Int(data[p + 1]) << 8)
            }
            if flags & 0x08 != 0 { while p < data.count, data[p] != 0 { p += 1 }; p += 1 }
            if flags & 0x10 != 0 { while p < data.count, data[p] != 0 { p += 1 }; p += 1 }
            if flags & 0x02 != 0 { p += 2 }
            guard p < data.count else { throw Inflate.Failure(reason: "truncated header") }
            let (member, end) = try Inflate.decompress(data, from: p)
            guard end + 8 <= data.count else { throw Inflate.Failure(reason: "truncated trailer") }
            let crc = UInt32(data[end]) | UInt32(data[end + 1]) << 8 | UInt32(data[end + 2]) << 16 | UInt32(data[end + 3]) << 24
            let size = UInt32(data[end + 4]) | UInt32(data[end + 5]) << 8 | UInt32(data[end + 6]) << 16 | UInt32(data[end + 7]) << 24
            guard crc == GzipCRC32.checksum(member), size == UInt32(truncatingIfNeeded: member.count) else {
                throw Inflate.Failure(reason: "gzip checksum mismatch")
            }
            guard output.count + member.count <= Inflate.maxOutputBytes else { throw Inflate.tooLarge }
            output += member
            position = end + 8
        } while position < data.count
        return output
    }

    static func littleEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }
}
