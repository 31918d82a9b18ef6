import DynamoModel
import DynamoStorage
import Synchronization
import WardenSupport

/// Every scalable target and scaling policy of the server, in memory, kept in the database's
/// `autoscaling_objects` table; changed inside `transact`, which queues the change's SQL
/// before the lock is released.
public final class ScalingStore: Sendable {
    struct State: StagedChanges {
        var targets: [String: ScalableTarget] = [:]  // by ScalableTarget.key
        var policies: [String: ScalingPolicy] = [:]  // by ScalingPolicy.key
        var sql: [BoundStatement] = []
        /// Registration order, for Describe's stable order.
        var order: [String: Int] = [:]
        var next = 0
    }

    static let table = ObjectTable(module: "autoscaling", name: "autoscaling_objects")

    let state: PersistedState<State>
    public let clock: WardenClock

    public init(store: Store, clock: WardenClock) throws {
        state = try PersistedState(State(), loading: Self.table, from: store) { s, row in
            switch row.kind {
            case "target": if let t = row.decode(ScalableTarget.self) { s.targets[t.key] = t; s.noteOrder(t.key) }
            case "policy": if let p = row.decode(ScalingPolicy.self) { s.policies[p.key] = p; s.noteOrder(p.key) }
            default: break
            }
        }
        self.clock = clock
    }

    /// A store in memory only (unit tests).
    public init(clock: WardenClock) {
        state = PersistedState(State(), store: nil)
        self.clock = clock
    }

    func transact<T>(_ body: (inout State) throws(ScalingError) -> T) throws(ScalingError) -> (T, PendingWrite) { try state.transact(body) }
}

extension ScalingStore.State {
    mutating func noteOrder(_ key: String) {
        if order[key] == nil { next += 1; order[key] = next }
    }

    mutating func save(_ t: ScalableTarget) {
        targets[t.key] = t
        noteOrder(t.key)
        sql.append(ScalingStore.table.save("target", t.key, t))
    }

    mutating func save(_ p: ScalingPolicy) {
        policies[p.key] = p
        noteOrder(p.key)
        sql.append(ScalingStore.table.save("policy", p.key, p))
    }

    mutating func removeTarget(_ key: String) {
        targets[key] = nil
        order[key] = nil
        sql.append(ScalingStore.table.delete("target", key))
    }

    mutating func removePolicy(_ key: String) {
        policies[key] = nil
        order[key] = nil
        sql.append(ScalingStore.table.delete("policy", key))
    }

    func ordered<T>(_ items: [String: T]) -> [T] {
        items.sorted { (order[$0.key] ?? 0) < (order[$1.key] ?? 0) }.map(\.value)
    }
}
