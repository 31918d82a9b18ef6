import DynamoModel

/// Resolved expression trees: names and values substituted, checked, ready to evaluate.

indirect enum Operand: Sendable {
    case path(DocumentPath)
    case value(AttributeValue)
    /// `size(operand)`.
    case size(Operand)

    var path: DocumentPath? {
        if case .path(let path) = self { return path }
        return nil
    }

    func collectPaths(into paths: inout [DocumentPath]) {
        switch self {
        case .path(let path): paths.append(path)
        case .value: break
        case .size(let inner): inner.collectPaths(into: &paths)
        }
    }
}

indirect enum ConditionNode: Sendable {
    case compare(CompareOperator, Operand, Operand)
    case between(Operand, Operand, Operand)
    case inList(Operand, [Operand])
    case exists(DocumentPath)
    case notExists(DocumentPath)
    /// `attribute_type(operand, :type)` with the type name already validated.
    case attributeType(Operand, String)
    case beginsWith(Operand, Operand)
    case contains(Operand, Operand)
    case and(ConditionNode, ConditionNode)
    case or(ConditionNode, ConditionNode)
    case not(ConditionNode)
    /// Always true or false (an empty legacy Expected or filter).
    case constant(Bool)

    func collectPaths(into paths: inout [DocumentPath]) {
        switch self {
        case .compare(_, let a, let b), .beginsWith(let a, let b), .contains(let a, let b):
            a.collectPaths(into: &paths); b.collectPaths(into: &paths)
        case .between(let a, let b, let c):
            a.collectPaths(into: &paths); b.collectPaths(into: &paths); c.collectPaths(into: &paths)
        case .inList(let a, let list):
            a.collectPaths(into: &paths)
            for operand in list { operand.collectPaths(into: &paths) }
        case .exists(let path), .notExists(let path):
            paths.append(path)
        case .attributeType(let a, _):
            a.collectPaths(into: &paths)
        case .and(let a, let b), .or(let a, let b):
            a.collectPaths(into: &paths); b.collectPaths(into: &paths)
        case .not(let a):
            a.collectPaths(into: &paths)
        case .constant:
            break
        }
    }
}

indirect enum UpdateOperand: Sendable {
    case path(DocumentPath)
    case value(AttributeValue)
    case ifNotExists(DocumentPath, UpdateOperand)
    case listAppend(UpdateOperand, UpdateOperand)

    func collectPaths(into paths: inout [DocumentPath]) {
        switch self {
        case .path(let path): paths.append(path)
        case .value: break
        case .ifNotExists(let path, let fallback):
            paths.append(path); fallback.collectPaths(into: &paths)
        case .listAppend(let a, let b):
            a.collectPaths(into: &paths); b.collectPaths(into: &paths)
        }
    }
}

enum SetValue: Sendable {
    case operand(UpdateOperand)
    case plus(UpdateOperand, UpdateOperand)
    case minus(UpdateOperand, UpdateOperand)

    func collectPaths(into paths: inout [DocumentPath]) {
        switch self {
        case .operand(let a): a.collectPaths(into: &paths)
        case .plus(let a, let b), .minus(let a, let b):
            a.collectPaths(into: &paths); b.collectPaths(into: &paths)
        }
    }
}

enum UpdateAction: Sendable {
    case set(DocumentPath, SetValue)
    case remove(DocumentPath)
    case add(DocumentPath, AttributeValue)
    /// DELETE with a set value; for legacy AttributeUpdates, DELETE without a value is `.remove`.
    case delete(DocumentPath, AttributeValue)

    var path: DocumentPath {
        switch self {
        case .set(let p, _), .remove(let p), .add(let p, _), .delete(let p, _): return p
        }
    }
}
