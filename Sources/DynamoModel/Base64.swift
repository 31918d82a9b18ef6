/// Strict base64 as DynamoDB's frontend reads binary values, with its error texts.
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let reverse: [Int16] = {
        var table = [Int16](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int16(i) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: encodeBytes(bytes), as: UTF8.self)
    }

    public static func encodeBytes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(v >> 18 & 63)]); out.append(alphabet[Int(v >> 12 & 63)])
            out.append(alphabet[Int(v >> 6 & 63)]); out.append(alphabet[Int(v & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let v = UInt32(bytes[i]) << 16
            out.append(alphabet[Int(v >> 18 & 63)]); out.append(alphabet[Int(v >> 12 & 63)])
            out.append(UInt8(ascii: "=")); out.append(UInt8(ascii: "="))
        } else if rest == 2 {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int(v >> 18 & 63)]); out.append(alphabet[Int(v >> 12 & 63)])
            out.append(alphabet[Int(v >> 6 & 63)]); out.append(UInt8(ascii: "="))
        }
        return out
    }

    /// Decodes, or returns the reason in AWS's words (the caller prefixes "'<text>' can not be converted to a Blob: ").
    public struct Failure: Error, Sendable {
        public var reason: String
        /// The reason without the offending character (audit records quote no value).
        public var redactedReason: String {
            reason.hasPrefix("Invalid Base64 character: '") && reason != "Invalid Base64 character: '='"
                ? "Invalid Base64 character: '\(DynamoError.redactionMarker)'" : reason
        }
    }

    public static func decode(_ text: String) -> Result<[UInt8], Failure> {
        let s = Array(text.utf8)
        if s.count % 4 != 0 {
            return .failure(Failure(reason: "Base64 encoded length is expected a multiple of 4 bytes but found: \(s.count)"))
        }
        var out: [UInt8] = []
        out.reserveCapacity(s.count / 4 * 3)
        var i = 0
        while i < s.count {
            var quad: [Int16] = [0, 0, 0, 0]
            var pad = 0
            for j in 0..<4 {
                let c = s[i + j]
                if c == UInt8(ascii: "=") {
                    // Padding only at the very end, at most two.
                    guard i + 4 == s.count, j >= 2 else { return .failure(Failure(reason: "Invalid Base64 character: '='")) }
                    pad += 1
                    quad[j] = 0
                } else {
                    if pad > 0 { return .failure(Failure(reason: "Invalid Base64 character: '='")) }
                    let v = reverse[Int(c)]
                    if v < 0 { return .failure(Failure(reason: "Invalid Base64 character: '\(Character(Unicode.Scalar(c)))'")) }
                    quad[j] = v
                }
            }
            let v = UInt32(quad[0]) << 18 | UInt32(quad[1]) << 12 | UInt32(quad[2]) << 6 | UInt32(quad[3])
            out.append(UInt8(v >> 16 & 0xFF))
            if pad < 2 { out.append(UInt8(v >> 8 & 0xFF)) }
            if pad < 1 { out.append(UInt8(v & 0xFF)) }
            // Bits beyond the data must be zero, or the text is not canonical base64.
            if pad == 1 && quad[2] & 0x3 != 0 { return .failure(Failure(reason: "Invalid last non-pad Base64 character dectected")) }
            if pad == 2 && quad[1] & 0xF != 0 { return .failure(Failure(reason: "Invalid last non-pad Base64 character dectected")) }
            i += 4
        }
        return .success(out)
    }
}
