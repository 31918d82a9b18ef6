import DynamoModel

/// Order-preserving encoding of key attribute values, so that SQLite's `memcmp` order on
/// BLOBs is DynamoDB's order: S by UTF-8 bytes, B by bytes, N by numeric value.
///
/// Numbers: a sign class byte (negative 0x40 < zero 0x80 < positive 0xC0), then for non-zero
/// values a two-byte biased exponent and one byte per significant digit. For negatives the
/// exponent and digits are inverted and a 0xFF terminator follows, so that a longer (larger
/// magnitude) digit string sorts first.
public enum KeyCodec {
    static let zeroClass: UInt8 = 0x80
    static let positiveClass: UInt8 = 0xC0
    static let negativeClass: UInt8 = 0x40
    static let exponentBias = 1000

    public static func encode(_ value: AttributeValue) -> [UInt8] {
        switch value {
        case .s(let s): return Array(s.utf8)
        case .b(let b): return b
        case .n(let n): return encode(number: n)
        default: return []  // only scalar key types reach storage; validation refuses the rest
        }
    }

    public static func encode(number n: DynamoNumber) -> [UInt8] {
        if n.isZero { return [zeroClass] }
        var out: [UInt8] = []
        out.reserveCapacity(n.digits.count + 4)
        let biased = UInt16(n.exponent + exponentBias)
        if n.negative {
            out.append(negativeClass)
            let inverted = UInt16.max - biased
            out.append(UInt8(inverted >> 8)); out.append(UInt8(inverted & 0xFF))
            for d in n.digits { out.append(9 - d) }
            out.append(0xFF)
        } else {
            out.append(positiveClass)
            out.append(UInt8(biased >> 8)); out.append(UInt8(biased & 0xFF))
            out.append(contentsOf: n.digits)
        }
        return out
    }

    public static func decode(_ bytes: [UInt8], type: ScalarType) -> AttributeValue {
        switch type {
        case .S: return .s(String(decoding: bytes, as: UTF8.self))
        case .B: return .b(bytes)
        case .N: return .n(decodeNumber(bytes))
        }
    }

    static func decodeNumber(_ bytes: [UInt8]) -> DynamoNumber {
        guard bytes.count >= 3, bytes[0] != zeroClass else { return .zero }
        let negative = bytes[0] == negativeClass
        var biased = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        var digits: [UInt8]
        if negative {
            biased = UInt16.max - biased
            digits = bytes[3...].dropLast().map { 9 - $0 }
        } else {
            digits = Array(bytes[3...])
        }
        let exponent = Int(biased) - exponentBias
        var text = negative ? "-0." : "0."
        text += String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
        text += "E\(exponent)"
        if case .success(let n) = DynamoNumber.parse(text) { return n }
        return .zero
    }

    /// The smallest byte string greater than every string starting with `prefix`, or nil when
    /// there is none (all 0xFF). Used to turn `begins_with` into a range.
    public static func prefixSuccessor(_ prefix: [UInt8]) -> [UInt8]? {
        var out = prefix
        while let last = out.last {
            if last < 0xFF {
                out[out.count - 1] = last + 1
                return out
            }
            out.removeLast()
        }
        return nil
    }

    /// Which of `total` parallel-scan segments a partition key belongs to (FNV-1a over its
    /// encoded bytes, mixed, scaled to the segment count).
    public static func segment(of partitionKey: [UInt8], total: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for b in partitionKey {
            hash ^= UInt32(b)
            hash = hash &* 16_777_619
        }
        // FNV-1a leaves the last bytes' influence in the low bits; scaling reads the high ones,
        // so keys differing only at the end (p1, p2, …) would share a segment. MurmurHash3's
        // finalizer spreads every bit over the whole word.
        hash ^= hash >> 16
        hash = hash &* 0x85EB_CA6B
        hash ^= hash >> 13
        hash = hash &* 0xC2B2_AE35
        hash ^= hash >> 16
        return Int((UInt64(hash) * UInt64(total)) >> 32)
    }
}
