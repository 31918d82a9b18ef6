import DynamoModel
import Synchronization

/// How long tables and global secondary indexes stay CREATING, UPDATING or DELETING before
/// they are ACTIVE (or gone), on the simulated clock. `seconds` 0 (the default) makes every
/// change take effect at once; `warden serve --realistic-delays` gives clients a short
/// transition to wait through, as they must against DynamoDB (waiters, ResourceInUseException).
/// State is in memory: a restarted server has every table ACTIVE.
public final class Lifecycle: Sendable {
    public let seconds: Double

    struct Transition {
        var status: String
        var until: Double
    }

    struct State {
        var tables: [TableKey: Transition] = [:]
        var indexes: [TableKey: [String: Transition]] = [:]
        /// Deleted tables while they are DELETING: the description DescribeTable shows.
        var deleting: [TableKey: (description: JSONValue, until: Double)] = [:]
    }

    private let state = Mutex(State())

    public init(seconds: Double) {
        self.seconds = seconds
    }

    func began(_ status: String, table key: TableKey, now: Double) {
        guard seconds > 0 else { return }
        state.withLock { $0.tables[key] = Transition(status: status, until: now + seconds) }
    }

    func began(_ status: String, index name: String, table key: TableKey, now: Double) {
        guard seconds > 0 else { return }
        state.withLock { $0.indexes[key, default: [:]][name] = Transition(status: status, until: now + seconds) }
    }

    func deleted(_ key: TableKey, description: JSONValue, now: Double) {
        guard seconds > 0 else { return }
        state.withLock {
            $0.tables[key] = nil
            $0.indexes[key] = nil
            $0.deleting[key] = (description, now + seconds)
        }
    }

    /// The table's status: CREATING or UPDATING while a change is under way, else ACTIVE.
    func tableStatus(_ key: TableKey, now: Double) -> String {
        guard seconds > 0 else { return "ACTIVE" }
        return state.withLock { s in s.tables[key].flatMap { $0.until > now ? $0.status : nil } } ?? "ACTIVE"
    }

    /// Index statuses that are not ACTIVE at `now`.
    func indexStatuses(_ key: TableKey, now: Double) -> [String: String] {
        guard seconds > 0 else { return [:] }
        return state.withLock { s in (s.indexes[key] ?? [:]).filter { $0.value.until > now }.mapValues(\.status) }
    }

    /// The description of a table still DELETING at `now`.
    func deleting(_ key: TableKey, now: Double) -> JSONValue? {
        guard seconds > 0 else { return nil }
        return state.withLock { s -> JSONValue? in
            guard let entry = s.deleting[key], entry.until > now else { return nil }
            return entry.description
        }
    }

    /// Whether a table of this name is being created or deleted (restores refuse the name).
    func inTransition(_ key: TableKey, now: Double) -> Bool {
        tableStatus(key, now: now) == "CREATING" || deleting(key, now: now) != nil
    }

    /// ResourceInUseException for a control-plane change while the table or one of its
    /// indexes is still changing, with AWS's texts.
    func checkIdle(_ key: TableKey, now: Double, deleting: Bool = false) throws(DynamoError) {
        switch tableStatus(key, now: now) {
        case "CREATING": throw .resourceInUse("Attempt to change a resource which is still in use: Table is being created: \(key.name)")
        case "UPDATING": throw .resourceInUse("Attempt to change a resource which is still in use: Table is being updated: \(key.name)")
        default: break
        }
        if deleting && !indexStatuses(key, now: now).isEmpty {
            throw .resourceInUse("Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.")
        }
    }
}
