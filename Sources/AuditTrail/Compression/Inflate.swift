/// A DEFLATE decompressor (stored, fixed and dynamic Huffman blocks), so that `warden trail
/// validate` can hash the uncompressed content of delivered files without zlib.
public enum Inflate {
    public struct Failure: Error, Sendable, Equatable {
        public var reason: String
    }

    /// Output bytes at most: a few kilobytes of DEFLATE can claim gigabytes (a "zip bomb"
    /// planted in a trail folder); Warden's own log files are far smaller (delivery starts a
    /// new file past 16 MB).
    public static let maxOutputBytes = 256 << 20

    static let tooLarge = Failure(reason: "decompressed data larger than \(maxOutputBytes) bytes")

    struct Huffman {
        var counts: [Int]   // codes per length, 0…15
        var symbols: [Int]  // symbols in canonical order

        init(lengths: [Int]) {
            counts = [Int](repeating: 0, count: 16)
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }
    }

    struct Reader {
        let data: [UInt8]
        var position: Int
        var bitBuffer: UInt32 = 0
        var bitCount = 0

        mutating func bits(_ n: Int) throws(Failure) -> Int {
            var value = bitBuffer
            while bitCount < n {
                guard position < data.count else { throw Failure(reason: "unexpected end of compressed data") }
                value |= UInt32(data[position]) << UInt32(bitCount)
                position += 1
                bitCount += 8
            }
            bitBuffer = value >> UInt32(n)
            bitCount -= n
            return Int(value & ((1 << UInt32(n)) - 1))
        }

        mutating func decode(_ h: Huffman) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1...15 {
                code |= try bits(1)
                let count = h.counts[length]
                if code - count < first { return h.symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Failure(reason: "invalid Huffman code")
        }
    }

    public static func decompress(_ data: [UInt8], from start: Int = 0) throws(Failure) -> (output: [UInt8], end: Int) {
        var r = Reader(data: data, position: start)
        var out: [UInt8] = []
        out.reserveCapacity(min(data.count, maxOutputBytes / 4) * 4)
        var last = 0
        repeat {
            last = try r.bits(1)
            switch try r.bits(2) {
            case 0:
                r.bitBuffer = 0
                r.bitCount = 0
                guard r.position + 4 <= data.count else { throw Failure(reason: "truncated stored block") }
                let len = Int(data[r.position]) | Int(data[r.position + 1]) << 8
                let nlen = Int(data[r.position + 2]) | Int(data[r.position + 3]) << 8
                guard len == (~nlen & 0xFFFF) else { throw Failure(reason: "stored block length mismatch") }
                r.position += 4
                guard r.position + len <= data.count else { throw Failure(reason: "truncated stored block") }
                guard out.count + len <= maxOutputBytes else { throw tooLarge }
                out.append(contentsOf: data[r.position..<(r.position + len)])
                r.position += len
            case 1:
                try inflateBlock(&r, &out, fixedLiteral, fixedDistance)
            case 2:
                let (lit, dist) = try dynamicTables(&r)
                try inflateBlock(&r, &out, lit, dist)
            default:
                throw Failure(reason: "invalid block type")
            }
        } while last == 0
        return (out, r.position)
    }

    static let fixedLiteral = Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    static let fixedDistance = Huffman(lengths: [Int](repeating: 5, count: 30))

    static func dynamicTables(_ r: inout Reader) throws(Failure) -> (Huffman, Huffman) {
        let nlen = try r.bits(5) + 257
        let ndist = try r.bits(5) + 1
        let ncode = try r.bits(4) + 4
        guard nlen <= 286, ndist <= 30 else { throw Failure(reason: "bad dynamic block counts") }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<ncode { codeLengths[order[i]] = try r.bits(3) }
        let lencode = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < nlen + ndist {
            let symbol = try r.decode(lencode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Failure(reason: "repeat with no previous length") }
                lengths += [Int](repeating: previous, count: 3 + (try r.bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try r.bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try r.bits(7)))
            }
        }
        guard lengths.count == nlen + ndist else { throw Failure(reason: "too many code lengths") }
        return (Huffman(lengths: Array(lengths[0..<nlen])), Huffman(lengths: Array(lengths[nlen...])))
    }

    static func inflateBlock(_ r: inout Reader, _ out: inout [UInt8], _ lit: Huffman, _ dist: Huffman) throws(Failure) {
        while true {
            let symbol = try r.decode(lit)
            if symbol < 256 {
                guard out.count < maxOutputBytes else { throw tooLarge }
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let code = symbol - 257
                guard code < 29 else { throw Failure(reason: "invalid length code") }
                let length = Deflate.lengthBase[code] + (try r.bits(Deflate.lengthExtra[code]))
                let dcode = try r.decode(dist)
                guard dcode < 30 else { throw Failure(reason: "invalid distance code") }
                let distance = Deflate.distanceBase[dcode] + (try r.bits(Deflate.distanceExtra[dcode]))
                guard distance <= out.count else { throw Failure(reason: "distance too far back") }
                guard out.count + length <= maxOutputBytes else { throw tooLarge }
                let from = out.count - distance
                for k in 0..<length { out.append(out[from + k]) }
            }
        }
    }
}
