import DynamoModel

/// Copies the parts of an item that a set of document paths select, in DynamoDB's shape:
/// maps keep the selected keys, lists keep the selected elements in their original order,
/// and paths that do not exist (or cross a value of the wrong kind) are left out.
struct ProjectionTree: Sendable {
    struct Node: Sendable {
        var whole = false
        var keys: [AttributeName: Node] = [:]
        var indexes: [Int: Node] = [:]
    }

    private(set) var root = Node()

    init(_ paths: [DocumentPath]) {
        for path in paths { insert(path.elements[...], into: &root) }
    }

    private func insert(_ elements: ArraySlice<DocumentPathElement>, into node: inout Node) {
        guard let first = elements.first else {
            node.whole = true
            return
        }
        switch first {
        case .name(let key):
            var child = node.keys[key] ?? Node()
            insert(elements.dropFirst(), into: &child)
            node.keys[key] = child
        case .index(let index):
            var child = node.indexes[index] ?? Node()
            insert(elements.dropFirst(), into: &child)
            node.indexes[index] = child
        }
    }

    func apply(to item: Item) -> Item {
        var result = Item(minimumCapacity: root.keys.count)
        for (name, node) in root.keys {
            if let value = item[name], let projected = Self.project(value, node) { result[name] = projected }
        }
        return result
    }

    private static func project(_ value: AttributeValue, _ node: Node) -> AttributeValue? {
        if node.whole { return value }
        switch value {
        case .m(let map) where !node.keys.isEmpty:
            var out: [AttributeName: AttributeValue] = [:]
            for (key, child) in node.keys {
                if let v = map[key], let p = project(v, child) { out[key] = p }
            }
            return out.isEmpty ? nil : .m(out)
        case .l(let list) where !node.indexes.isEmpty:
            var out: [AttributeValue] = []
            for index in node.indexes.keys.sorted() where index < list.count {
                if let p = project(list[index], node.indexes[index]!) { out.append(p) }
            }
            return out.isEmpty ? nil : .l(out)
        default:
            return nil
        }
    }
}
