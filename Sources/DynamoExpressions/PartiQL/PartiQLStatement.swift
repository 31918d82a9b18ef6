import DynamoModel

/// A PartiQL statement for DynamoDB, read once: `parse` checks the text, `bind` substitutes
/// its `?` parameters and converts it into the trees the other operations use — a
/// `Condition` for WHERE, an `Update` for SET/REMOVE, an item for INSERT — so a statement is
/// evaluated, authorized and executed exactly as the equivalent GetItem, Query, Scan, PutItem,
/// UpdateItem or DeleteItem.
public struct PartiQLStatement: Sendable {
    public enum Kind: Sendable, Equatable {
        case select, insert, update, delete
        /// `EXISTS(SELECT …)`, a condition check of ExecuteTransaction.
        case exists
    }

    /// The longest statement DynamoDB takes (ExecuteStatement API reference, `Statement`).
    public static let maxLength = 8192

    let syntax: PQStatement
    public let kind: Kind
    public let tableName: String
    public let indexName: String?
    public let returning: PartiQLReturning?
    /// How many `?` the statement holds.
    public let parameterCount: Int

    public static func parse(_ text: String) throws(DynamoError) -> PartiQLStatement {
        do {
            let (syntax, count) = try PartiQLParser.parse(text)
            return PartiQLStatement(syntax: syntax, parameterCount: count)
        } catch {
            throw error.error
        }
    }

    init(syntax: PQStatement, parameterCount: Int) {
        self.syntax = syntax
        self.parameterCount = parameterCount
        var returning: PartiQLReturning?
        var index: String?
        switch syntax {
        case .select(let s):
            kind = .select
            tableName = s.table
            index = s.index
        case .exists(let s):
            kind = .exists
            tableName = s.table
            index = s.index
        case .insert(let table, _):
            kind = .insert
            tableName = table
        case .update(let table, let i, _, _, let r):
            kind = .update
            tableName = table
            index = i
            returning = r
        case .delete(let table, let i, _, let r):
            kind = .delete
            tableName = table
            index = i
            returning = r
        }
        self.indexName = index
        self.returning = returning
    }

    /// Whether the statement only reads (SELECT); EXISTS counts with the writes it guards.
    public var isRead: Bool { kind == .select }

    public func bind(_ parameters: [AttributeValue]) throws(DynamoError) -> BoundStatement {
        guard parameters.count == parameterCount else { throw .validation(PQMessages.parameterCount) }
        let binder = PQBinder(parameters: parameters)
        do {
            switch syntax {
            case .select(let s): return .select(try select(s, binder))
            case .exists(let s): return .exists(try select(s, binder))
            case .insert(_, let value):
                guard case .m(let item) = try binder.literal(value) else { throw PQFailure(PQMessages.itemFormat) }
                return .insert(item)
            case .update(_, _, let actions, let condition, let returning):
                let update = Update(actions: try binder.updateActions(actions), legacy: false)
                return .update(PartiQLWrite(update: update, condition: try condition.map { c throws(PQFailure) in PartiQLWhere(try binder.condition(c)) },
                                            returning: returning))
            case .delete(_, _, let condition, let returning):
                return .delete(PartiQLWrite(update: nil, condition: try condition.map { c throws(PQFailure) in PartiQLWhere(try binder.condition(c)) },
                                            returning: returning))
            }
        } catch let failure as PQFailure {
            throw failure.error
        } catch {
            throw .validation(PQMessages.unexpectedTerm)
        }
    }

    private func select(_ s: PQSelect, _ binder: PQBinder) throws(PQFailure) -> PartiQLSelect {
        let projection = try s.projection.map { paths throws(PQFailure) in try PartiQLProjection(paths.map(\.documentPath)) }
        let condition = try s.condition.map { c throws(PQFailure) in PartiQLWhere(try binder.condition(c)) }
        return PartiQLSelect(projection: projection, condition: condition, orderBy: s.orderBy.map { ($0.0.documentPath, $0.descending) })
    }
}

/// A statement with its parameters bound.
public enum BoundStatement: Sendable {
    case select(PartiQLSelect)
    case insert(Item)
    case update(PartiQLWrite)
    case delete(PartiQLWrite)
    case exists(PartiQLSelect)
}

public struct PartiQLSelect: Sendable {
    /// nil for `SELECT *`.
    public let projection: PartiQLProjection?
    public let condition: PartiQLWhere?
    public let orderBy: [(path: DocumentPath, descending: Bool)]

    /// Every top-level attribute the statement reads or tests: its projection, WHERE and
    /// ORDER BY.
    public var topLevelAttributes: AttributeNameSet {
        var names = condition?.topLevelAttributes ?? []
        if let projection { names.formUnion(projection.projection.topLevelAttributes) }
        for entry in orderBy { names.insert(entry.path.topLevelName) }
        return names
    }
}

/// An UPDATE's SET/REMOVE actions, or a DELETE, with its WHERE and RETURNING.
public struct PartiQLWrite: Sendable {
    public let update: Update?
    public let condition: PartiQLWhere?
    public let returning: PartiQLReturning?
}

/// A SELECT list: each path's value under its last name (`SELECT a.b` answers `{"b": …}`),
/// or `_N` (its place in the list) for a path ending in a list index, as PartiQL names them.
public struct PartiQLProjection: Sendable {
    public let projection: Projection
    let names: [AttributeName]

    init(_ paths: [DocumentPath]) throws(PQFailure) {
        var names: [AttributeName] = []
        for (i, path) in paths.enumerated() {
            let name: AttributeName
            if case .name(let last) = path.elements.last! { name = last } else { name = AttributeName("_\(i + 1)") }
            if names.contains(name) { throw PQFailure(PQMessages.duplicateSelected(name.string)) }
            names.append(name)
        }
        projection = Projection(paths: paths)
        self.names = names
    }

    public var paths: [DocumentPath] { projection.paths }

    public func apply(to item: Item) -> Item {
        var out = Item(minimumCapacity: names.count)
        for (path, name) in zip(projection.paths, names) {
            if let value = path.value(in: item) { out[name] = value }
        }
        return out
    }
}
