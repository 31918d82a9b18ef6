// IP address condition operators: IpAddress, NotIpAddress.
//
// Condition operators — IP address: "The value must be in the standard CIDR format (for
// example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address
// without the associated routing prefix, IAM uses the default prefix value of /32."
// (/128 for IPv6.) An IPv4 request address never falls in an IPv6 range or the other way
// round. Policy variables are not allowed here.

/// An IPv4 or IPv6 address with a prefix length, held as a 128-bit number.
struct IPRange: Sendable, Hashable {
    var high: UInt64
    var low: UInt64
    var isV6: Bool
    var prefix: Int

    init?(parsing text: String) {
        var address = Substring(text)
        var prefix: Int?
        if let slash = text.firstIndex(of: "/") {
            address = text[..<slash]
            guard let value = Int(text[text.index(after: slash)...]) else { return nil }
            prefix = value
        }
        if address.contains(":") {
            guard let (high, low) = Self.parseV6(address) else { return nil }
            let length = prefix ?? 128
            guard (0...128).contains(length) else { return nil }
            self.init(high: high, low: low, isV6: true, prefix: length)
        } else {
            guard let value = Self.parseV4(address) else { return nil }
            let length = prefix ?? 32
            guard (0...32).contains(length) else { return nil }
            self.init(high: 0, low: UInt64(value), isV6: false, prefix: length)
        }
    }

    init(high: UInt64, low: UInt64, isV6: Bool, prefix: Int) {
        self.high = high
        self.low = low
        self.isV6 = isV6
        self.prefix = prefix
    }

    /// Does this range hold `address` (whose own prefix is ignored)?
    func contains(_ address: IPRange) -> Bool {
        guard isV6 == address.isV6 else { return false }
        if !isV6 {
            guard prefix > 0 else { return true }
            let mask: UInt64 = (0xFFFF_FFFF << UInt64(32 - prefix)) & 0xFFFF_FFFF
            return (low & mask) == (address.low & mask)
        }
        if prefix == 0 { return true }
        if prefix <= 64 {
            let mask: UInt64 = prefix == 64 ? ~0 : ~(UInt64.max >> UInt64(prefix))
            return (high & mask) == (address.high & mask)
        }
        guard high == address.high else { return false }
        let bits = prefix - 64
        let mask: UInt64 = bits == 64 ? ~0 : ~(UInt64.max >> UInt64(bits))
        return (low & mask) == (address.low & mask)
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit),
                  let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
            parts += 1
        }
        return parts == 4 ? value : nil
    }

    static func parseV6(_ text: Substring) -> (UInt64, UInt64)? {
        var groups: [UInt16] = []
        var gapIndex: Int?
        var rest = text
        if rest.hasPrefix("::") {
            gapIndex = 0
            rest = rest.dropFirst(2)
        }
        while !rest.isEmpty {
            let end = rest.firstIndex(of: ":") ?? rest.endIndex
            let piece = rest[..<end]
            if piece.contains(".") {
                // Embedded IPv4 in the last 32 bits.
                guard end == rest.endIndex, let v4 = parseV4(piece) else { return nil }
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xFFFF))
                rest = rest[end...]
                break
            }
            guard !piece.isEmpty, piece.count <= 4, let group = UInt16(piece, radix: 16) else { return nil }
            groups.append(group)
            rest = rest[end...]
            if rest.hasPrefix("::") {
                guard gapIndex == nil else { return nil }
                gapIndex = groups.count
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix(":") {
                rest = rest.dropFirst()
                guard !rest.isEmpty else { return nil }
            }
        }
        if let gapIndex {
            guard groups.count < 8 else { return nil }
            groups.insert(contentsOf: Array(repeating: 0, count: 8 - groups.count), at: gapIndex)
        }
        guard groups.count == 8 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(groups[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(groups[i]) }
        return (high, low)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

enum IPConditions {
    static func matches(
        _ requestValue: String, _ policyValues: [CompiledConditionValue]
    ) -> Result<Bool, Condition.TypeProblem> {
        guard let address = IPRange(parsing: requestValue) else {
            return .failure(.init(reason: "request value \"\(requestValue)\" is not an IP address"))
        }
        var matched = false
        for value in policyValues {
            guard case .ip(let range) = value else { continue }
            guard let range else { return .failure(.init(reason: "a policy value is not an IP address or CIDR range")) }
            if range.contains(address) { matched = true }
        }
        return .success(matched)
    }
}
