/// A DEFLATE (RFC 1951) compressor: LZ77 matching over a 32 KB window with hash chains, coded
/// with the fixed Huffman tables in one final block. Log files are JSON, which this shrinks
/// by roughly 5–10×; it needs no zlib.
public enum Deflate {
    static let windowSize = 1 << 15
    static let hashBits = 15
    static let maxChain = 16
    static let minMatch = 3
    static let maxMatch = 258

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                      4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Length code index (0…28) for each match length 3…258.
    static let lengthCode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 259)
        for code in 0..<29 {
            let upper = code == 28 ? 258 : lengthBase[code + 1] - 1
            for len in lengthBase[code]...min(upper, 258) { table[len] = UInt8(code) }
        }
        table[258] = 28
        return table
    }()

    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var out = BitWriter()
        out.write(1, bits: 1)  // BFINAL
        out.write(1, bits: 2)  // BTYPE = 01, fixed Huffman
        input.withUnsafeBufferPointer { data in
            let n = data.count
            var head = [Int32](repeating: -1, count: 1 << hashBits)
            var prev = [Int32](repeating: -1, count: windowSize)
            func hash(_ i: Int) -> Int {
                let v = (Int(data[i]) << 16) | (Int(data[i + 1]) << 8) | Int(data[i + 2])
                return ((v &* 2_654_435_761) >> (32 - hashBits)) & ((1 << hashBits) - 1)
            }
            func insert(_ i: Int) {
                guard i + 2 < n else { return }
                let h = hash(i)
                prev[i & (windowSize - 1)] = head[h]
                head[h] = Int32(i)
            }
            var i = 0
            while i < n {
                var bestLength = 0
                var bestDistance = 0
                if i + 2 < n {
                    var candidate = Int(head[hash(i)])
                    var chain = maxChain
                    let limit = min(maxMatch, n - i)
                    while candidate >= 0, i - candidate <= windowSize - 1, chain > 0 {
                        if data[candidate + bestLength] == data[i + bestLength] {
                            var length = 0
                            while length < limit, data[candidate + length] == data[i + length] { length += 1 }
                            if length > bestLength {
                                bestLength = length
                                bestDistance = i - candidate
                                if length == limit { break }
                            }
                        }
                        let next = Int(prev[candidate & (windowSize - 1)])
                        if next >= candidate { break }
                        candidate = next
                        chain -= 1
                    }
                }
                if bestLength >= minMatch {
                    writeLength(bestLength, &out)
                    writeDistance(bestDistance, &out)
                    for k in 0..<bestLength { insert(i + k) }
                    i += bestLength
                } else {
                    writeLiteral(Int(data[i]), &out)
                    insert(i)
                    i += 1
                }
            }
        }
        writeLiteral(256, &out)  // end of block
        return out.finish()
    }

    /// Fixed Huffman code of a literal/length symbol, written most significant bit first.
    static func writeLiteral(_ symbol: Int, _ out: inout BitWriter) {
        switch symbol {
        case 0...143: out.writeCode(0x30 + symbol, length: 8)
        case 144...255: out.writeCode(0x190 + symbol - 144, length: 9)
        case 256...279: out.writeCode(symbol - 256, length: 7)
        default: out.writeCode(0xC0 + symbol - 280, length: 8)
        }
    }

    static func writeLength(_ length: Int, _ out: inout BitWriter) {
        let code = Int(lengthCode[length])
        writeLiteral(257 + code, &out)
        if lengthExtra[code] > 0 { out.write(UInt32(length - lengthBase[code]), bits: lengthExtra[code]) }
    }

    static func writeDistance(_ distance: Int, _ out: inout BitWriter) {
        var code = 0
        while code < 29, distanceBase[code + 1] <= distance { code += 1 }
        out.writeCode(code, length: 5)
        if distanceExtra[code] > 0 { out.write(UInt32(distance - distanceBase[code]), bits: distanceExtra[code]) }
    }
}

/// Packs bits least significant first, as DEFLATE streams are laid out.
struct BitWriter {
    var bytes: [UInt8] = []
    var buffer: UInt64 = 0
    var count = 0

    mutating func write(_ value: UInt32, bits: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bits
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    /// A Huffman code: its bits go out most significant first.
    mutating func writeCode(_ code: Int, length: Int) {
        var reversed: UInt32 = 0
        var c = UInt32(code)
        for _ in 0..<length {
            reversed = (reversed << 1) | (c & 1)
            c >>= 1
        }
        write(reversed, bits: length)
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
        return bytes
    }
}
