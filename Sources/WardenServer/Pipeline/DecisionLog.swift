import AccessPolicy
import DynamoModel
import Synchronization

/// The decisions of recent requests, by request id, for `warden explain` and
/// `GET /_warden/explain/<requestId>`: the trace is the result of authorization, kept so a
/// user can ask why a request was allowed or denied. A bounded ring: the oldest entries go.
public final class DecisionLog: Sendable {
    public struct Entry: Sendable {
        public var requestId: String
        public var callerArn: String
        public var operation: String
        public var time: Double
        /// One per authorization check; consecutive identical checks appear once.
        public var checks: [Check]
        /// Where the request came from (its network keys are shown with the decision).
        var origin: Authorizer.Origin? = nil
    }

    public struct Check: Sendable, Equatable {
        public var action: String
        public var resource: String
        /// "allow", "explicitDeny" or "implicitDeny".
        public var outcome: String
        /// The AccessDenied message for denials.
        public var message: String?
        /// The condition keys the operation derived from its request (dynamodb:LeadingKeys,
        /// dynamodb:Attributes, …), as the policies saw them; for a line that stands for several
        /// checks, every value any of them held.
        public var context: [String: [String]]
        /// How many of the request's checks this line stands for.
        public var count = 1
        /// The decision behind the check: put into words only when someone asks (most
        /// decisions are never explained, and the words cost more than the decision).
        enum Trace: Sendable, Equatable {
            case text(String)
            case decision(Decision)
        }
        var trace: Trace

        init(action: String, resource: String, outcome: String, message: String?, context: [String: [String]] = [:], explanation: String) {
            self.init(action: action, resource: resource, outcome: outcome, message: message, context: context, trace: .text(explanation))
        }

        init(action: String, resource: String, outcome: String, message: String?, context: [String: [String]] = [:], trace: Trace) {
            self.action = action
            self.resource = resource
            self.outcome = outcome
            self.message = message
            self.context = context
            self.trace = trace
        }

        func decidesLike(_ other: Check) -> Bool {
            action == other.action && resource == other.resource && outcome == other.outcome && message == other.message
        }

        /// Takes in another check that decided alike: its key values join this line's.
        mutating func absorb(_ other: Check) {
            count += 1
            for (name, values) in other.context {
                var mine = context[name] ?? []
                for value in values where !mine.contains(value) { mine.append(value) }
                context[name] = mine
            }
        }

        /// The operation's condition keys, one line each, in name order.
        var contextLines: [String] {
            context.keys.sorted().map { name in
                "\(name) = [" + context[name]!.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            }
        }

        /// The decision trace in plain words.
        public var explanation: String {
            switch trace {
            case .text(let text): return text
            case .decision(let decision): return decision.explain()
            }
        }
    }

    /// A ring of entries, newest at `next - 1`. Recording is an array store (no hashing,
    /// no dictionary churn on the request path); a lookup scans from the newest, which is
    /// fine for an occasional `explain`.
    private struct State {
        var entries: [Entry] = []
        var next = 0
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    public func record(_ entry: Entry) {
        state.withLock { s in
            if s.entries.count < capacity {
                s.entries.append(entry)
            } else {
                s.entries[s.next] = entry
            }
            s.next = (s.next + 1) % capacity
        }
    }

    public func entry(_ requestId: String) -> Entry? {
        state.withLock { s in
            let count = s.entries.count
            for back in 0..<count {
                let e = s.entries[(s.next - 1 - back + count) % count]
                if e.requestId == requestId { return e }
            }
            return nil
        }
    }

    /// The entry as JSON for the admin endpoint.
    public static func json(_ e: Entry) -> JSONValue {
        .object([
            ("requestId", .string(e.requestId)),
            ("caller", .string(e.callerArn)),
            ("operation", .string(e.operation)),
            ("time", .string(ISO8601.string(fromEpoch: e.time))),
            ("decision", .string(e.checks.contains { $0.outcome != "allow" } ? "deny" : "allow")),
            ("network", .object((e.origin?.networkKeys ?? []).map { ($0.name, .string($0.value)) })),
            ("checks", .array(e.checks.map { c in
                var m: [(String, JSONValue)] = [("action", .string(c.action)), ("resource", .string(c.resource)), ("outcome", .string(c.outcome))]
                if c.count > 1 { m.append(("count", .int(c.count))) }
                if let message = c.message { m.append(("message", .string(message))) }
                if !c.context.isEmpty {
                    m.append(("context", .object(c.context.keys.sorted().map { ($0, .array(c.context[$0]!.map { .string($0) })) })))
                }
                m.append(("explanation", .string(c.explanation)))
                return .object(m)
            })),
        ])
    }

    /// The entry in plain words for the CLI.
    public static func text(_ e: Entry) -> String {
        var lines = ["Request \(e.requestId): \(e.operation) by \(e.callerArn) at \(ISO8601.string(fromEpoch: e.time))"]
        let denied = e.checks.contains { $0.outcome != "allow" }
        lines.append(denied ? "Decision: DENIED" : "Decision: ALLOWED")
        if let origin = e.origin {
            lines.append("Network context keys:")
            for key in origin.networkKeys { lines.append("  \(key.name) = \"\(key.value)\"") }
        }
        for (i, c) in e.checks.enumerated() {
            lines.append("")
            lines.append("Check \(i + 1): \(c.action) on \(c.resource) — \(c.outcome)" + (c.count > 1 ? " (\(c.count) checks alike)" : ""))
            if let message = c.message { lines.append("  \(message)") }
            if !c.context.isEmpty {
                lines.append("  Request context keys:")
                for line in c.contextLines { lines.append("    " + line) }
            }
            for line in c.explanation.split(separator: "\n", omittingEmptySubsequences: false) { lines.append("  " + line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
