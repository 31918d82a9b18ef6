import DynamoModel

/// ExpressionAttributeNames/Values of one request and which of them the expressions used.
/// Used synchronously within one request, never shared across threads.
final class Substitutions {
    let names: [String: String]?
    let values: [String: AttributeValue]?
    var usedNames: Set<String> = []
    var usedValues: Set<String> = []

    init(names: [String: String]?, values: [String: AttributeValue]?) {
        self.names = names
        self.values = values
    }

    func name(_ placeholder: String) -> String? {
        guard let resolved = names?[placeholder] else { return nil }
        usedNames.insert(placeholder)
        return resolved
    }

    func value(_ placeholder: String) -> AttributeValue? {
        guard let resolved = values?[placeholder] else { return nil }
        usedValues.insert(placeholder)
        return resolved
    }

    /// Resolves `#name`s; on failure returns the first undefined placeholder.
    func resolve(_ raw: RawPath) -> Result<DocumentPath, ExpressionFailure> {
        if raw.elements.count > Limits.maxPathDepth {
            return .failure(ExpressionFailure(Messages.pathTooDeep(raw.elements.count)))
        }
        var elements: [DocumentPathElement] = []
        elements.reserveCapacity(raw.elements.count)
        for element in raw.elements {
            switch element {
            case .name(let name): elements.append(.name(AttributeName(name)))
            case .index(let index): elements.append(.index(index))
            case .placeholder(let placeholder):
                guard let name = name(placeholder) else {
                    return .failure(ExpressionFailure(Messages.undefinedName(placeholder)))
                }
                elements.append(.name(AttributeName(name)))
            }
        }
        return .success(DocumentPath(elements))
    }
}

extension RawPath {
    /// The reserved bare names of this path, in order.
    var firstReservedWord: String? {
        for case .name(let name) in elements where ReservedWords.contains(name) { return name }
        return nil
    }
}
