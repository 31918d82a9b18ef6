import Dispatch
import DynamoModel
import WardenSupport
import DynamoStorage
import FoundationEssentials
import Synchronization

/// The audit trail: every finished request (and every service action) becomes a CloudTrail
/// record. `submit` only queues the event — a background writer renders records, appends them
/// to the JSON-lines stream, keeps management events for LookupEvents, and hands each trail
/// the records its selectors choose, for delivery as CloudTrail-layout log files with signed
/// digests.
///
/// Durability: a clean shutdown delivers every queued record and closes every digest chain.
/// A crash loses what was not yet delivered — at most `cycle + deliveryInterval` seconds of
/// records (about 5.25 s by default); files already delivered are listed by the next digest.
public final class AuditTrail: Sendable {
    public struct Configuration: Sendable {
        /// Where trails' buckets are laid out (`--trail-dir`).
        public var trailDirectory: String
        /// `--audit-log`: a file, `-` for standard output, or nil.
        public var auditLogPath: String?
        /// Seconds a record may wait before its log file is delivered.
        public var deliveryInterval: Double = 5
        /// Seconds of service time between digests (CloudTrail: one hour).
        public var digestInterval: Double = 3600
        /// Seconds between the writer's passes.
        public var cycle: Double = 0.25
        /// Days of management events LookupEvents keeps (CloudTrail: 90).
        public var retentionDays: Double = 90
        /// Events kept for `/_warden/audit` (`warden trail tail`).
        public var recentCapacity = 10_000

        public init(trailDirectory: String, auditLogPath: String? = nil) {
            self.trailDirectory = trailDirectory
            self.auditLogPath = auditLogPath
        }
    }

    public let configuration: Configuration
    public let clock: WardenClock
    public let storage: AuditStorage
    public let trails: TrailRegistry
    public let recent: RecentEvents
    public let renderer: RecordRenderer
    /// Read or generated (2048-bit RSA, a few hundred milliseconds) when a digest is first
    /// signed or the public key first asked for, not at start-up.
    let signingKey: OnFirstUse<SigningKey>
    /// Events waiting for the writer, and about how many bytes they hold.
    private let queue = Mutex<(events: [AuditEvent], bytes: Int)>(([], 0))
    private let running = Mutex(false)
    private let stopped = DispatchSemaphore(value: 0)
    /// The writer's own state, used only inside `pass` (under `passLock`).
    private let writer: WriterBox

    /// @unchecked Sendable: the delivery engine and sink are only touched inside `pass`,
    /// which holds `passLock`, so one thread at a time uses them.
    final class WriterBox: @unchecked Sendable {
        var delivery: TrailDelivery
        var sink: JSONLinesSink?
        var lastPrune = 0.0

        init(delivery: TrailDelivery, sink: JSONLinesSink?) {
            self.delivery = delivery
            self.sink = sink
        }
    }

    public init(store: Store, clock: WardenClock, configuration: Configuration,
                keySchema: @escaping DataEventParameters.KeySchemaLookup) throws {
        self.configuration = configuration
        self.clock = clock
        storage = try AuditStorage(store: store)
        trails = try TrailRegistry(storage: storage, clock: clock)
        signingKey = OnFirstUse { [storage] in try storage.signingKey() }
        renderer = RecordRenderer(keySchema: keySchema)
        recent = RecentEvents(capacity: configuration.recentCapacity)
        let delivery = try TrailDelivery(root: configuration.trailDirectory, storage: storage, registry: trails, key: signingKey, clock: clock,
                                         deliveryInterval: configuration.deliveryInterval, digestInterval: configuration.digestInterval)
        writer = WriterBox(delivery: delivery, sink: try configuration.auditLogPath.map(JSONLinesSink.init))
    }

    /// The digest signing key's public half, as ListPublicKeys shows it: fingerprint and DER
    /// (the same key is written beside the digests).
    public func publicKey() throws -> (fingerprint: String, der: [UInt8]) {
        let key = try signingKey.get()
        return (key.fingerprint, key.publicKeyDER)
    }

    /// Events (and bytes) the queue may hold before a submitter waits for a writer pass: the
    /// writer keeps up at thousands a second, so only a flood faster than it ever waits.
    public static let queueHighWater = (events: 10_000, bytes: 64 << 20)

    /// Queues a finished request's event (`bytes`: about what it holds). Cheap and
    /// non-blocking (one lock, one append) until the writer falls `queueHighWater` behind;
    /// then the submitter runs a pass itself, so memory stays bounded instead of the queue
    /// growing without end.
    public func submit(_ event: AuditEvent, bytes: Int = 1024) {
        let over = queue.withLock { q -> Bool in
            q.events.append(event)
            q.bytes += bytes
            return q.events.count >= Self.queueHighWater.events || q.bytes >= Self.queueHighWater.bytes
        }
        if over { pass(force: false) }
    }

    /// Records an action DynamoDB took itself (a TTL deletion, a system backup): an
    /// `AwsServiceEvent` whose identity is `{type: AWSService, invokedBy: dynamodb.amazonaws.com}`.
    public func serviceEvent(eventName: String, account: String, region: String, tableName: String?,
                             requestParameters: JSONValue? = nil, category: AuditEvent.Category = .data, readOnly: Bool = false) {
        var resources: [AuditEvent.Resource] = []
        if let tableName {
            resources.append(.init(type: DynamoEventCatalog.tableResourceType,
                                   arn: "arn:aws:dynamodb:\(region):\(account):table/\(tableName)", accountId: account))
        }
        submit(AuditEvent(
            eventTime: clock.now(), eventSource: DynamoEventCatalog.eventSource, eventName: eventName, awsRegion: region,
            sourceIPAddress: DynamoEventCatalog.eventSource, userAgent: DynamoEventCatalog.eventSource,
            userIdentity: .service(DynamoEventCatalog.eventSource), request: requestParameters.map(AuditEvent.Body.shaped), response: nil,
            errorCode: nil, errorMessage: nil, denied: false, requestID: UUIDs.make(), eventID: UUIDs.make(), readOnly: readOnly,
            resources: resources, category: category, recipientAccountId: account, apiVersion: DynamoEventCatalog.apiVersion,
            eventType: "AwsServiceEvent"))
    }

    public func start() {
        running.withLock { $0 = true }
        Threads.start(name: "warden-audit") { [self] in
            while running.withLock({ $0 }) {
                Threads.sleep(seconds: configuration.cycle)
                pass(force: false)
            }
            stopped.signal()
        }
    }

    /// Stops the writer, then delivers everything queued and writes final digests.
    public func shutdown() {
        let wasRunning = running.withLock { r -> Bool in
            defer { r = false }
            return r
        }
        if wasRunning { stopped.wait() }
        pass(force: true)
        writer.sink?.close()
    }

    /// Delivers everything queued now (tests, and CloudTrail calls that must see their events).
    public func flush() { pass(force: true) }

    /// Renders and stores what is queued, waiting until management events are committed (so
    /// LookupEvents sees every call answered before it), without delivering early.
    public func commitHistory() { pass(force: false, waitForHistory: true) }

    private let passLock = Mutex(())

    /// One writer pass: render, stream, store, select, deliver.
    func pass(force: Bool, waitForHistory: Bool = false) {
        passLock.withLock { _ in
            var events = queue.withLock { q -> [AuditEvent] in
                defer {
                    q.events.removeAll(keepingCapacity: true)
                    q.bytes = 0
                }
                return q.events
            }
            // Event ids are drawn here, off the request path.
            for i in events.indices where events[i].eventID.isEmpty { events[i].eventID = UUIDs.make() }
            // Each body is shaped once: the recent buffer keeps the compacted events, and the
            // records are rendered from them (a compacted body is the record's text).
            let compacted = events.map(renderer.compacted)
            recent.append(compacted)
            let allTrails = trails.snapshot()
            let deleted = trails.pendingDeletes.withLock { d -> [Trail] in
                defer { d.removeAll() }
                return d
            }
            let active = allTrails + deleted
            // Trails that could take a data event at all (most requests are data events).
            let dataTrails = active.indices.filter { active[$0].startLoggingTime != nil && active[$0].selection.selectsDataEvents }
            let managementTrails = active.indices.filter { active[$0].startLoggingTime != nil }
            var streamed: [CloudTrailRecord] = []
            var history: [BoundStatement] = []
            var chosen: [Int] = []
            // What a pass holds before it writes out part of its work (a flood of large records).
            var streamedBytes = 0, historyBytes = 0
            let chunkBytes = 8 << 20
            for (event, compact) in zip(events, compacted) {
                chosen.removeAll(keepingCapacity: true)
                for i in event.isManagement ? managementTrails : dataTrails where active[i].records(event) { chosen.append(i) }
                guard writer.sink != nil || event.isManagement || !chosen.isEmpty else { continue }
                let record = renderer.render(compact)
                if writer.sink != nil {
                    streamed.append(record)
                    streamedBytes += record.bytes.count
                    if streamedBytes >= chunkBytes {
                        writer.sink?.write(streamed)
                        streamed.removeAll()
                        streamedBytes = 0
                    }
                }
                if event.isManagement {
                    history.append(AuditStorage.insertEvent(record))
                    historyBytes += record.bytes.count
                    if historyBytes >= chunkBytes {
                        storage.write(history)
                        history.removeAll()
                        historyBytes = 0
                    }
                }
                for i in chosen { writer.delivery.add(record, to: active[i]) }
            }
            writer.sink?.write(streamed)
            let now = clock.now()
            if now - writer.lastPrune > 3600 {
                writer.lastPrune = now
                history.append(AuditStorage.pruneEvents(before: now - configuration.retentionDays * 86_400))
            }
            if force || waitForHistory {
                do {
                    try storage.writeAndWait(history)
                } catch {
                    auditLog.error("cannot store event history", metadata: ["error": .string(String(describing: error))])
                }
            } else {
                storage.write(history)
            }
            for trail in deleted { writer.delivery.finish(trail) }
            writer.delivery.tick(trails: allTrails, force: force)
        }
    }

    /// Rendered records of recent events, for `/_warden/audit`.
    public func recentRecords(after: Int, filter: RecentEvents.Filter, limit: Int = 1000) -> (records: [CloudTrailRecord], next: Int) {
        pass(force: false)  // take in what is queued, so a reader sees every answered call
        let (events, next) = recent.read(after: after, filter: filter, limit: limit)
        return (events.map(renderer.render), next)
    }
}

/// Random (version 4) UUIDs in lower case, as CloudTrail writes eventIDs: 122 bits from a
/// xoshiro256** generator seeded from the system's random source (Foundation's UUID opens
/// /dev/urandom for every id — too slow for a record per request).
public enum UUIDs {
    private static let state = Mutex<(UInt64, UInt64, UInt64, UInt64)>({
        var rng = SystemRandomNumberGenerator()
        return (rng.next(), rng.next(), rng.next(), rng.next() | 1)
    }())

    static func next() -> UInt64 {
        state.withLock { s in
            let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
            let t = s.1 << 17
            s.2 ^= s.0
            s.3 ^= s.1
            s.1 ^= s.2
            s.0 ^= s.3
            s.2 ^= t
            s.3 = s.3 << 45 | s.3 >> 19
            return result
        }
    }

    public static func make() -> String {
        let hi = next() & 0xFFFF_FFFF_FFFF_0FFF | 0x4000        // version 4
        let lo = next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000  // variant 10
        var out = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var i = 0
        for (word, shiftStart) in [(hi, 60), (lo, 60)] {
            var shift = shiftStart
            while shift >= 0 {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1 }
                out[i] = Hex.digit(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
                i += 1
                shift -= 4
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
