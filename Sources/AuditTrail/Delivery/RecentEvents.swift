import Synchronization

/// The last events the server saw (every request, allowed or denied), numbered in arrival
/// order, for `warden trail tail` through `/_warden/audit`. Events are kept compacted
/// (`RecordRenderer.compacted`) and rendered only when someone reads them. At most `capacity`
/// events and about `byteBudget` bytes are kept: the oldest go first.
public final class RecentEvents: Sendable {
    /// Event number n sits at `(n - 1) % capacity`; the ring grows as events arrive, so an
    /// idle server holds nothing. Numbers below `oldest` have been evicted.
    struct State {
        var events: [AuditEvent] = []
        var sizes: [Int] = []
        var next: Int = 1
        var oldest: Int = 1
        var bytes: Int = 0
    }

    public struct Filter: Sendable {
        /// Matches the caller's ARN (substring) or user name.
        public var principal: String?
        /// Table name (or ARN substring) among the event's resources or requested table.
        public var table: String?
        public var eventName: String?
        public var deniedOnly = false
        public var failedOnly = false

        public init(principal: String? = nil, table: String? = nil, eventName: String? = nil, deniedOnly: Bool = false, failedOnly: Bool = false) {
            self.principal = principal
            self.table = table
            self.eventName = eventName
            self.deniedOnly = deniedOnly
            self.failedOnly = failedOnly
        }

        public func admits(_ e: AuditEvent) -> Bool {
            if deniedOnly && !e.denied { return false }
            if failedOnly && e.recordedErrorCode == nil { return false }
            if let eventName, e.eventName != eventName { return false }
            if let principal {
                let arn = e.userIdentity.arn ?? ""
                guard arn.contains(principal) || e.userIdentity.userName == principal || e.userIdentity.principalId == principal else { return false }
            }
            if let table {
                guard e.resources.contains(where: { $0.name == table || $0.arn.contains(table) }) else { return false }
            }
            return true
        }
    }

    let capacity: Int
    let byteBudget: Int
    private let state: Mutex<State>

    public init(capacity: Int = 10_000, byteBudget: Int = 32 << 20) {
        self.capacity = capacity
        self.byteBudget = byteBudget
        state = Mutex(State())
    }

    func append(_ events: [AuditEvent]) {
        state.withLock { s in
            for e in events {
                let size = e.approximateBytes
                let slot = (s.next - 1) % capacity
                if s.events.count < capacity {
                    s.events.append(e)
                    s.sizes.append(size)
                } else {
                    // The ring is full: this event takes the oldest's place.
                    s.bytes -= s.sizes[slot]
                    s.oldest = max(s.oldest, s.next - capacity + 1)
                    s.events[slot] = e
                    s.sizes[slot] = size
                }
                s.bytes += size
                s.next += 1
                // Over the byte budget: evict the oldest (their slots are reused later).
                while s.bytes > byteBudget, s.oldest < s.next - 1 {
                    let old = (s.oldest - 1) % capacity
                    s.bytes -= s.sizes[old]
                    s.sizes[old] = 0
                    s.events[old].dropBodies()
                    s.oldest += 1
                }
            }
        }
    }

    /// Bytes the kept events hold, about (tests and diagnostics).
    public var retainedBytes: Int { state.withLock { $0.bytes } }

    /// Events numbered after `after` that pass `filter`, at most `limit`, and the number to
    /// ask after next time.
    public func read(after: Int, filter: Filter, limit: Int = 1000) -> (events: [AuditEvent], next: Int) {
        state.withLock { s in
            let first = max(after + 1, s.next - capacity, s.oldest, 1)
            var out: [AuditEvent] = []
            var last = first - 1
            var n = first
            while n < s.next, out.count < limit {
                let e = s.events[(n - 1) % capacity]
                if filter.admits(e) { out.append(e) }
                last = n
                n += 1
            }
            return (out, max(last, after))
        }
    }

    /// The current high-water mark (to start tailing from "now").
    public var latest: Int { state.withLock { $0.next - 1 } }
}
