import DynamoModel

/// In-place access to the slot a document path names inside an item, for updates.
/// The parents of the slot must exist with the right kind (map for `.name`, list for
/// `.index`); otherwise the path is "invalid for update".
enum DocumentMutation {
    struct InvalidPath: Error {}

    /// Calls `body` with the current value at `path` (nil if absent); the value left in the
    /// slot is written back (nil removes it). Writing past the end of a list appends.
    static func modify(
        _ item: inout Item, _ path: DocumentPath,
        _ body: (inout AttributeValue?) throws(DynamoError) -> Void
    ) throws(DynamoError) {
        let name = path.topLevelName
        if !path.isNested {
            var slot = item[name]
            try body(&slot)
            item[name] = slot
            return
        }
        guard var top = item.removeValue(forKey: name) else { throw invalidPath }
        defer { item[name] = top }
        try modifyNested(&top, path.elements.dropFirst(), body)
    }

    static var invalidPath: DynamoError {
        .validation("The document path provided in the update expression is invalid for update")
    }

    private static func modifyNested(
        _ value: inout AttributeValue, _ rest: ArraySlice<DocumentPathElement>,
        _ body: (inout AttributeValue?) throws(DynamoError) -> Void
    ) throws(DynamoError) {
        let remaining = rest.dropFirst()
        switch (rest.first!, value) {
        case (.name(let key), .m(var map)):
            value = .null  // release the shared storage so `map` is mutated in place
            defer { value = .m(map) }
            if remaining.isEmpty {
                var slot = map[key]
                try body(&slot)
                map[key] = slot
            } else {
                guard var child = map.removeValue(forKey: key) else { throw invalidPath }
                defer { map[key] = child }
                try modifyNested(&child, remaining, body)
            }
        case (.index(let index), .l(var list)):
            value = .null
            defer { value = .l(list) }
            if remaining.isEmpty {
                var slot: AttributeValue? = index < list.count ? list[index] : nil
                try body(&slot)
                if let new = slot {
                    if index < list.count { list[index] = new } else { list.append(new) }
                } else if index < list.count {
                    list.remove(at: index)
                }
            } else {
                guard index < list.count else { throw invalidPath }
                var child = list[index]
                list[index] = .null
                defer { list[index] = child }
                try modifyNested(&child, remaining, body)
            }
        default:
            throw invalidPath
        }
    }
}
