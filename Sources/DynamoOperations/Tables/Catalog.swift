import DynamoModel
import Synchronization

/// Identifies a table: AWS namespaces tables by account and region.
public struct TableKey: Hashable, Sendable {
    public var account: String
    public var region: String
    public var name: String
    public init(account: String, region: String, name: String) {
        self.account = account
        self.region = region
        self.name = name
    }
}

/// The in-memory copy of every table's definition, loaded at start-up and replaced by the
/// writer after each committed schema change; request handlers read it without touching
/// SQLite.
public final class Catalog: Sendable {
    private let tables = Mutex<[TableKey: TableDefinition]>([:])
    /// Each table's ARN, made once: every authorization check names it, and checks kept in
    /// the decision log then share this one string.
    private let arns = Mutex<[TableKey: String]>([:])
    /// [global] The tables that are replicas of a global table (the replicator's cheap check).
    private let replicated = Mutex<Set<TableKey>>([])

    public init() {}

    public func get(_ key: TableKey) -> TableDefinition? {
        tables.withLock { $0[key] }
    }

    public func arn(_ key: TableKey) -> String? {
        arns.withLock { $0[key] }
    }

    public func put(_ definition: TableDefinition) {
        let key = TableKey(account: definition.account, region: definition.region, name: definition.name)
        tables.withLock { $0[key] = definition }
        arns.withLock { $0[key] = definition.arn }
        replicated.withLock { if definition.isReplicated { $0.insert(key) } else { $0.remove(key) } }
    }

    /// [global] Whether any table is a replica of a global table.
    public var hasReplicatedTables: Bool { replicated.withLock { !$0.isEmpty } }

    public func remove(_ key: TableKey) {
        _ = tables.withLock { $0.removeValue(forKey: key) }
        _ = arns.withLock { $0.removeValue(forKey: key) }
        _ = replicated.withLock { $0.remove(key) }
    }

    /// Table names of one account and region in AWS's (byte) order.
    public func names(account: String, region: String) -> [String] {
        tables.withLock { all in
            all.keys.filter { $0.account == account && $0.region == region }.map(\.name)
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    public func all() -> [TableDefinition] {
        tables.withLock { Array($0.values) }
    }

    public func count(account: String, region: String) -> Int {
        tables.withLock { all in all.keys.filter { $0.account == account && $0.region == region }.count }
    }
}
