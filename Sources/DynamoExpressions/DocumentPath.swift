import DynamoModel

/// One step of a document path: a map key (or top-level attribute name) or a list index.
public enum DocumentPathElement: Sendable, Hashable {
    case name(AttributeName)
    case index(Int)
}

/// A resolved document path such as `a.b[3].c` (after `#name` substitution). The first
/// element is always a name: the top-level attribute.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    public var elements: [DocumentPathElement]

    public init(_ elements: [DocumentPathElement]) {
        precondition(!elements.isEmpty, "a document path has at least one element")
        self.elements = elements
    }

    /// A top-level attribute.
    public init(name: String) {
        self.elements = [.name(AttributeName(name))]
    }

    public var topLevelName: AttributeName {
        if case .name(let name) = elements[0] { return name }
        return ""
    }

    public var isNested: Bool { elements.count > 1 }

    /// DynamoDB's rendering in error messages: `[a, b, [3], c]`.
    public var description: String {
        "[" + elements.map { element -> String in
            switch element {
            case .name(let name): return name.string
            case .index(let index): return "[\(index)]"
            }
        }.joined(separator: ", ") + "]"
    }

    /// The value at this path, or nil when any step is missing or of the wrong kind.
    public func value(in item: Item?) -> AttributeValue? {
        guard let item, let top = item[topLevelName] else { return nil }
        var current = top
        for element in elements.dropFirst() {
            switch (element, current) {
            case (.name(let key), .m(let map)):
                guard let next = map[key] else { return nil }
                current = next
            case (.index(let index), .l(let list)):
                guard index < list.count else { return nil }
                current = list[index]
            default:
                return nil
            }
        }
        return current
    }
}

extension Set where Element == AttributeName {
    init(topLevelNamesOf paths: [DocumentPath]) {
        self.init(paths.map(\.topLevelName))
    }
}
