import DynamoModel

/// Order-preserving encoding of multi-attribute keys (global secondary indexes whose partition
/// or sort key has several attributes).
///
/// Each component is its single-value encoding with 0x00 escaped as 0x00 0xFF and a 0x00 0x01
/// terminator. The escaped forms are prefix-free and keep `memcmp` order, so the concatenation
/// sorts by the first component, then the second, and so on — DynamoDB's order for a
/// multi-attribute sort key. A key of one attribute keeps its plain encoding, so stored rows of
/// single-attribute keys read the same as ever.
extension KeyCodec {
    static let terminator: [UInt8] = [0x00, 0x01]

    /// The encoding of a key's values, in schema order.
    public static func encode(values: [AttributeValue]) -> [UInt8] {
        if values.count == 1 { return encode(values[0]) }
        var out: [UInt8] = []
        for value in values { out.append(contentsOf: component(value)) }
        return out
    }

    /// One component of a composite key: escaped and terminated.
    public static func component(_ value: AttributeValue) -> [UInt8] {
        var out = escaped(encode(value))
        out.append(contentsOf: terminator)
        return out
    }

    /// A component without its terminator: every component whose value starts with `prefix`
    /// (`begins_with`) starts with these bytes.
    public static func componentPrefix(_ value: AttributeValue) -> [UInt8] {
        escaped(encode(value))
    }

    static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 2)
        for b in bytes {
            out.append(b)
            if b == 0x00 { out.append(0xFF) }
        }
        return out
    }

    /// Splits a composite encoding into its components' plain encodings.
    public static func components(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x00, i + 1 < bytes.count {
                if bytes[i + 1] == 0xFF {
                    current.append(0x00)
                } else {
                    parts.append(current)
                    current = []
                }
                i += 2
                continue
            }
            current.append(b)
            i += 1
        }
        return parts
    }
}
