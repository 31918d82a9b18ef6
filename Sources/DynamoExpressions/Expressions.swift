import DynamoModel

/// Which condition parameter an expression came from: picks the "Invalid XExpression:"
/// prefix of its errors and, for key conditions, the extra rules of Query.
public enum ConditionKind: Sendable, Hashable {
    case condition
    case filter
    case keyCondition

    public var parameterName: String {
        switch self {
        case .condition: return "ConditionExpression"
        case .filter: return "FilterExpression"
        case .keyCondition: return "KeyConditionExpression"
        }
    }
}

/// A resolved ConditionExpression, FilterExpression or KeyConditionExpression (or a legacy
/// Expected/QueryFilter/ScanFilter converted to the same tree).
public struct Condition: Sendable {
    let root: ConditionNode
    /// For key conditions: the conditions joined by AND, one per attribute.
    let keyParts: [KeyPart]?
    /// The top-level attribute names the condition reads (after `#name` substitution).
    public let topLevelAttributes: Set<AttributeName>

    init(root: ConditionNode, keyParts: [KeyPart]? = nil) {
        self.root = root
        self.keyParts = keyParts
        var paths: [DocumentPath] = []
        root.collectPaths(into: &paths)
        self.topLevelAttributes = Set(topLevelNamesOf: paths)
    }

    /// Whether `item` (nil: no item) satisfies the condition. Pure.
    public func evaluate(_ item: Item?) throws(DynamoError) -> Bool {
        ConditionEvaluator.evaluate(root, item)
    }
}

/// A resolved ProjectionExpression (or legacy AttributesToGet).
public struct Projection: Sendable {
    public let paths: [DocumentPath]
    public let topLevelAttributes: Set<AttributeName>
    let tree: ProjectionTree

    init(paths: [DocumentPath]) {
        self.paths = paths
        self.topLevelAttributes = Set(topLevelNamesOf: paths)
        self.tree = ProjectionTree(paths)
    }

    /// The selected parts of `item`.
    public func apply(to item: Item) -> Item {
        tree.apply(to: item)
    }
}

/// A resolved UpdateExpression (or legacy AttributeUpdates).
public struct Update: Sendable {
    let actions: [UpdateAction]
    let legacy: Bool
    /// The top-level attribute names the update writes or reads.
    public let topLevelAttributes: Set<AttributeName>
    /// The top-level attribute names the update writes (SET, REMOVE, ADD, DELETE targets).
    public let writtenTopLevelAttributes: Set<AttributeName>
    /// The document paths the update writes, in the order written.
    public let targetPaths: [DocumentPath]

    init(actions: [UpdateAction], legacy: Bool) {
        self.actions = actions
        self.legacy = legacy
        var paths = actions.map(\.path)
        self.targetPaths = paths
        self.writtenTopLevelAttributes = Set(topLevelNamesOf: paths)
        for case .set(_, let value) in actions { value.collectPaths(into: &paths) }
        self.topLevelAttributes = Set(topLevelNamesOf: paths)
    }

    /// Whether every action only deletes (REMOVE, DELETE): such an update of a missing item
    /// creates nothing, as DynamoDB does.
    public var onlyDeletes: Bool {
        !actions.isEmpty && actions.allSatisfy {
            switch $0 {
            case .remove, .delete: return true
            case .set, .add: return false
            }
        }
    }

    /// Applies the update to the existing item (nil if none; the caller has already put the
    /// key attributes in place or will). Pure: `item` is not modified.
    public func apply(to item: Item?) throws(DynamoError) -> UpdateResult {
        let new = try UpdateApplier(actions: actions, legacy: legacy).apply(to: item)
        return UpdateResult(item: new, touchedPaths: targetPaths)
    }

    /// Convenience for an existing item.
    public func apply(to item: Item) throws(DynamoError) -> UpdateResult {
        try apply(to: Optional(item))
    }
}

/// The outcome of an update: the new item and the paths it wrote.
public struct UpdateResult: Sendable {
    public var item: Item
    /// The document paths the update wrote, for ReturnValues UPDATED_OLD / UPDATED_NEW.
    public var touchedPaths: [DocumentPath]

    /// The written parts of `item` (the old item for UPDATED_OLD, the new one for
    /// UPDATED_NEW), nested paths keeping their enclosing maps and lists.
    public func updatedAttributes(of item: Item) -> Item {
        ProjectionTree(touchedPaths).apply(to: item)
    }
}
