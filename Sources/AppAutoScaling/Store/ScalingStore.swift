import DynamoModel
import DynamoStorage
import FoundationEssentials
import Synchronization
import WardenSupport

/// Every scalable target and scaling policy of the server, in memory, kept in the database
/// through `ScalingPersistence`; changed inside `transact`, which queues the change's SQL
/// before the lock is released.
public final class ScalingStore: Sendable {
    struct State {
        var targets: [String: ScalableTarget] = [:]  // by ScalableTarget.key
        var policies: [String: ScalingPolicy] = [:]  // by ScalingPolicy.key
        var sql: [BoundStatement] = []
        /// Registration order, for Describe's stable order.
        var order: [String: Int] = [:]
        var next = 0
    }

    let state = Mutex(State())
    let persistence: ScalingPersistence?
    public let clock: WardenClock

    public init(store: Store, clock: WardenClock) throws {
        let persistence = try ScalingPersistence(store: store)
        self.persistence = persistence
        self.clock = clock
        let decoder = JSONDecoder()
        let rows = try persistence.load()
        state.withLock { s in
            for (kind, body) in rows {
                let data = Data(body)
                switch kind {
                case "target": if let t = try? decoder.decode(ScalableTarget.self, from: data) { s.targets[t.key] = t; s.noteOrder(t.key) }
                case "policy": if let p = try? decoder.decode(ScalingPolicy.self, from: data) { s.policies[p.key] = p; s.noteOrder(p.key) }
                default: break
                }
            }
        }
    }

    /// A store in memory only (unit tests).
    public init(clock: WardenClock) {
        persistence = nil
        self.clock = clock
    }

    func transact<T>(_ body: (inout State) throws(ScalingError) -> T) throws(ScalingError) -> (T, PendingWrite) {
        let result: Result<(T, PendingWrite), ScalingError> = state.withLock { s in
            s.sql = []
            do {
                let value = try body(&s)
                let write = enqueue(s.sql)
                s.sql = []
                return .success((value, write))
            } catch let error as ScalingError {
                s.sql = []
                return .failure(error)
            } catch {
                return .failure(.internalFailure("\(error)"))
            }
        }
        return try result.get()
    }

    private func enqueue(_ sql: [BoundStatement]) -> PendingWrite {
        guard let persistence, !sql.isEmpty else { return .nothing() }
        let write = PendingWrite()
        persistence.write(sql) { write.finish($0) }
        return write
    }
}

extension ScalingStore.State {
    mutating func noteOrder(_ key: String) {
        if order[key] == nil { next += 1; order[key] = next }
    }

    mutating func save(_ t: ScalableTarget) {
        targets[t.key] = t
        noteOrder(t.key)
        sql.append(ScalingPersistence.saveSQL("target", t.key, t))
    }

    mutating func save(_ p: ScalingPolicy) {
        policies[p.key] = p
        noteOrder(p.key)
        sql.append(ScalingPersistence.saveSQL("policy", p.key, p))
    }

    mutating func removeTarget(_ key: String) {
        targets[key] = nil
        order[key] = nil
        sql.append(ScalingPersistence.deleteSQL("target", key))
    }

    mutating func removePolicy(_ key: String) {
        policies[key] = nil
        order[key] = nil
        sql.append(ScalingPersistence.deleteSQL("policy", key))
    }

    func ordered<T>(_ items: [String: T]) -> [T] {
        items.sorted { (order[$0.key] ?? 0) < (order[$1.key] ?? 0) }.map(\.value)
    }
}
