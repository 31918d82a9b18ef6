// Lower-case hexadecimal, as SigV4 uses for hashes and signatures.

@usableFromInline
let hexDigitsLower: [UInt8] = Array("0123456789abcdef".utf8)

/// Appends the lower-case hex form of `bytes` to `out`.
@inline(__always)
func appendHex(_ bytes: [UInt8], to out: inout [UInt8]) {
    out.reserveCapacity(out.count + bytes.count * 2)
    for byte in bytes {
        out.append(hexDigitsLower[Int(byte >> 4)])
        out.append(hexDigitsLower[Int(byte & 0x0f)])
    }
}

/// Lower-case hex form of `bytes`.
func hexEncode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    appendHex(bytes, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Lower-case hex form of `bytes`, as ASCII bytes.
func hexBytes(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    appendHex(bytes, to: &out)
    return out
}

/// The value of one ASCII hex digit (either case), or nil.
@inline(__always)
func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
    default: return nil
    }
}
