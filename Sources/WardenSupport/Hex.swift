// Lower-case hexadecimal: SigV4 hashes and signatures, digests, fingerprints, request ids.

public enum Hex {
    @usableFromInline
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The lower-case digit of a nibble (0…15).
    @inlinable @inline(__always)
    public static func digit(_ nibble: UInt8) -> UInt8 { digits[Int(nibble & 0x0F)] }

    /// Appends the lower-case hex form of `bytes` to `out`.
    @inlinable
    public static func append(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
    }

    /// The lower-case hex form of `bytes`, as ASCII bytes.
    @inlinable
    public static func bytes(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        append(bytes, to: &out)
        return out
    }

    /// The lower-case hex form of `bytes`.
    @inlinable
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: Hex.bytes(bytes), as: UTF8.self)
    }

    /// The value of one ASCII hex digit (either case), or nil.
    @inlinable @inline(__always)
    public static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// The bytes of a hex string (either case, even length), or nil.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
