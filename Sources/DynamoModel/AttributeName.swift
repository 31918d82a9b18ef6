/// An attribute name (or a map member's name), equal to another only when their UTF-8 bytes
/// are. DynamoDB compares names as bytes: "Salário" spelled with a precomposed "á" (U+00E1)
/// and with "a" + a combining accent (U+0061 U+0301) are two attributes. Swift's `String`
/// compares by Unicode canonical equivalence, under which those two spellings are one string —
/// so names are never keyed, compared or collected as plain `String`s: items, maps, projections,
/// update targets and the `dynamodb:Attributes` condition key all use this type.
public struct AttributeName: Sendable, Hashable, Comparable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let string: String

    @inlinable
    public init(_ string: String) { self.string = string }

    public init(stringLiteral value: String) { string = value }

    public init(stringInterpolation: DefaultStringInterpolation) { string = String(stringInterpolation: stringInterpolation) }

    public var description: String { string }

    public var utf8: String.UTF8View { string.utf8 }

    @inlinable
    public static func == (lhs: AttributeName, rhs: AttributeName) -> Bool {
        lhs.string.utf8.count == rhs.string.utf8.count && lhs.string.utf8.elementsEqual(rhs.string.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in string.utf8 { hasher.combine(byte) }
        }
        hasher.combine(string.utf8.count)
    }

    /// Byte order (DynamoDB's order for strings).
    public static func < (lhs: AttributeName, rhs: AttributeName) -> Bool {
        lhs.string.utf8.lexicographicallyPrecedes(rhs.string.utf8)
    }
}

public typealias AttributeNameSet = Set<AttributeName>

extension Set where Element == AttributeName {
    /// The names as strings in byte order (for condition keys and messages).
    public var sortedStrings: [String] { sorted().map(\.string) }

    public func contains(_ name: String) -> Bool { contains(AttributeName(name)) }
}

extension Dictionary where Key == AttributeName {
    /// Member access by a name given as a string (compared by bytes, never by canonical
    /// equivalence).
    @inlinable
    public subscript(name: String) -> Value? {
        get { self[AttributeName(name)] }
        set { self[AttributeName(name)] = newValue }
    }
}
