import WardenSupport

/// A thread-safe, bounded cache of parse trees keyed by (kind, text). Only trees that passed
/// every check that depends on the text alone are kept, so a hit skips lexing, parsing and
/// those checks; substitution and the checks that need names and values run every time.
///
/// `@unchecked Sendable`: all mutable state (`entries`, `tick`, the counters) is read and
/// written only while `lock` is held, and the cached trees are immutable value types.
public final class ExpressionCache: @unchecked Sendable {
    public static let shared = ExpressionCache(capacity: 4096)

    enum Kind: Hashable {
        case condition(ConditionKind), update, projection
    }

    enum Tree {
        case condition(RawCondition)
        case update(RawUpdate)
        case projection(RawProjection)
    }

    private struct Key: Hashable {
        var kind: Kind
        var text: String
    }

    private let lock = Lock()
    private var entries: [Key: (tree: Tree, lastUse: UInt64)] = [:]
    private var tick: UInt64 = 0
    private var hitCount = 0
    private var missCount = 0
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { lock.withLock { entries.count } }
    public var hits: Int { lock.withLock { hitCount } }
    public var misses: Int { lock.withLock { missCount } }

    public func removeAll() {
        lock.withLock {
            entries.removeAll()
            hitCount = 0
            missCount = 0
        }
    }

    private func lookup(_ key: Key) -> Tree? {
        lock.withLock {
            tick &+= 1
            guard let entry = entries[key] else {
                missCount += 1
                return nil
            }
            hitCount += 1
            entries[key] = (entry.tree, tick)
            return entry.tree
        }
    }

    private func store(_ key: Key, _ tree: Tree) {
        lock.withLock {
            tick &+= 1
            if entries[key] == nil, entries.count >= capacity {
                // Evict the least recently used quarter in one go.
                let victims = entries.sorted { $0.value.lastUse < $1.value.lastUse }
                    .prefix(max(1, capacity / 4))
                for (k, _) in victims { entries.removeValue(forKey: k) }
            }
            entries[key] = (tree, tick)
        }
    }

    func condition(_ kind: ConditionKind, _ text: String) throws(ExpressionFailure) -> RawCondition {
        let key = Key(kind: .condition(kind), text: text)
        if case .condition(let tree)? = lookup(key) { return tree }
        let tree = try ConditionParser.parse(text)
        try ConditionChecks.check(tree)
        store(key, .condition(tree))
        return tree
    }

    func update(_ text: String) throws(ExpressionFailure) -> RawUpdate {
        let key = Key(kind: .update, text: text)
        if case .update(let tree)? = lookup(key) { return tree }
        let tree = try UpdateParser.parse(text)
        try UpdateChecks.check(tree)
        store(key, .update(tree))
        return tree
    }

    func projection(_ text: String) throws(ExpressionFailure) -> RawProjection {
        let key = Key(kind: .projection, text: text)
        if case .projection(let tree)? = lookup(key) { return tree }
        let tree = try ProjectionParser.parse(text)
        for path in tree.paths {
            if let word = path.firstReservedWord { throw ExpressionFailure(Messages.reserved(word)) }
        }
        store(key, .projection(tree))
        return tree
    }
}
