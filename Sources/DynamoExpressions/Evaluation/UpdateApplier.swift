import DynamoModel

/// Applies update actions to a copy of an item. Right-hand sides of SET read the item as it
/// was before the update; REMOVEs of list elements refer to the original positions.
struct UpdateApplier {
    let actions: [UpdateAction]
    let legacy: Bool

    static let missingOperand = DynamoError.validation("The provided expression refers to an attribute that does not exist in the item")

    var typeMismatch: DynamoError {
        legacy ? .validation("Type mismatch for attribute to update")
            : .validation("An operand in the update expression has an incorrect data type")
    }

    func apply(to old: Item?) throws(DynamoError) -> Item {
        var item = old ?? [:]
        var removals: [DocumentPath] = []
        for action in actions {
            switch action {
            case .set(let path, let value):
                let new = try evaluate(value, old)
                try DocumentMutation.modify(&item, path) { (slot) throws(DynamoError) in slot = new }
            case .remove(let path):
                removals.append(path)
            case .add(let path, let value):
                try DocumentMutation.modify(&item, path) { (slot) throws(DynamoError) in slot = try add(slot, value) }
            case .delete(let path, let value):
                try DocumentMutation.modify(&item, path) { (slot) throws(DynamoError) in slot = try delete(slot, value) }
            }
        }
        // Later positions first, so each index still names the element it named originally.
        for path in removals.sorted(by: { Self.precedes($1, $0) }) {
            try DocumentMutation.modify(&item, path) { (slot) throws(DynamoError) in slot = nil }
        }
        return item
    }

    private static func precedes(_ a: DocumentPath, _ b: DocumentPath) -> Bool {
        for (x, y) in zip(a.elements, b.elements) {
            switch (x, y) {
            case let (.index(p), .index(q)) where p != q: return p < q
            case let (.name(p), .name(q)) where p != q: return p < q
            case (.name, .index): return true
            case (.index, .name): return false
            default: continue
            }
        }
        return a.elements.count < b.elements.count
    }

    // MARK: SET values

    private func evaluate(_ value: SetValue, _ item: Item?) throws(DynamoError) -> AttributeValue {
        switch value {
        case .operand(let a):
            return try evaluate(a, item)
        case .plus(let a, let b), .minus(let a, let b):
            let left = try evaluate(a, item), right = try evaluate(b, item)
            guard case .n(let x) = left, case .n(let y) = right else { throw typeMismatch }
            let result: Result<DynamoNumber, DynamoNumber.Failure>
            if case .plus = value { result = x.adding(y) } else { result = x.subtracting(y) }
            switch result {
            case .success(let n): return .n(n)
            case .failure(let f): throw .validation(f.message(for: ""))
            }
        }
    }

    private func evaluate(_ operand: UpdateOperand, _ item: Item?) throws(DynamoError) -> AttributeValue {
        switch operand {
        case .value(let v):
            return v
        case .path(let path):
            guard let v = path.value(in: item) else { throw Self.missingOperand }
            return v
        case .ifNotExists(let path, let fallback):
            if let v = path.value(in: item) { return v }
            return try evaluate(fallback, item)
        case .listAppend(let a, let b):
            let left = try evaluate(a, item), right = try evaluate(b, item)
            guard case .l(let x) = left, case .l(let y) = right else { throw typeMismatch }
            return .l(x + y)
        }
    }

    // MARK: ADD and DELETE

    private func add(_ existing: AttributeValue?, _ value: AttributeValue) throws(DynamoError) -> AttributeValue {
        guard let existing else { return value }
        switch (existing, value) {
        case let (.n(x), .n(y)):
            switch x.adding(y) {
            case .success(let n): return .n(n)
            case .failure(let f): throw .validation(f.message(for: ""))
            }
        case let (.ss(x), .ss(y)):
            var seen = Set(x.map { Array($0.utf8) })
            return .ss(x + y.filter { seen.insert(Array($0.utf8)).inserted })
        case let (.ns(x), .ns(y)):
            var seen = Set(x)
            return .ns(x + y.filter { seen.insert($0).inserted })
        case let (.bs(x), .bs(y)):
            var seen = Set(x)
            return .bs(x + y.filter { seen.insert($0).inserted })
        case let (.l(x), .l(y)) where legacy:
            return .l(x + y)
        default:
            throw typeMismatch
        }
    }

    private func delete(_ existing: AttributeValue?, _ value: AttributeValue) throws(DynamoError) -> AttributeValue? {
        guard let existing else { return nil }
        let result: AttributeValue
        switch (existing, value) {
        case let (.ss(x), .ss(y)):
            let gone = Set(y.map { Array($0.utf8) })
            result = .ss(x.filter { !gone.contains(Array($0.utf8)) })
        case let (.ns(x), .ns(y)):
            let gone = Set(y)
            result = .ns(x.filter { !gone.contains($0) })
        case let (.bs(x), .bs(y)):
            let gone = Set(y)
            result = .bs(x.filter { !gone.contains($0) })
        default:
            throw typeMismatch
        }
        switch result {
        case .ss(let x) where x.isEmpty: return nil
        case .ns(let x) where x.isEmpty: return nil
        case .bs(let x) where x.isEmpty: return nil
        default: return result
        }
    }
}
