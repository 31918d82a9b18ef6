import Dispatch
import DynamoStorage
import DynamoModel
import FoundationEssentials
import WardenSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes trails' log files and digests under the trail folder. Owned by the audit writer
/// thread alone (no locking): records are buffered per trail and region, delivered as one
/// gzip'd `{"Records":[…]}` file when the oldest has waited `deliveryInterval` seconds, and
/// listed in a signed digest every `digestInterval` seconds of service time, when logging
/// stops, when the trail is deleted, and at shutdown.
final class TrailDelivery {
    struct Buffer {
        var trail: Trail
        var region: String
        var records: [CloudTrailRecord] = []
        /// The records' JSON bytes.
        var bytes = 0
        /// Monotonic time the oldest buffered record arrived.
        var since: Double
    }

    let root: String
    let storage: AuditStorage
    let registry: TrailRegistry
    let signingKey: OnFirstUse<SigningKey>
    let clock: WardenClock
    let deliveryInterval: Double
    let digestInterval: Double
    var buffers: [String: Buffer] = [:]
    var chains: [String: DigestChainState]
    var publishedKeys = Set<String>()
    /// Errors are not the request's concern; the latest is kept for status and logs.
    var lastError: String? {
        didSet { if let lastError { auditLog.error("trail delivery failed", metadata: ["error": .string(lastError)]) } }
    }

    init(root: String, storage: AuditStorage, registry: TrailRegistry, key: OnFirstUse<SigningKey>, clock: WardenClock,
         deliveryInterval: Double, digestInterval: Double) throws {
        self.root = root
        self.storage = storage
        self.registry = registry
        signingKey = key
        self.clock = clock
        self.deliveryInterval = deliveryInterval
        self.digestInterval = digestInterval
        chains = try storage.loadDigestStates()
    }

    static func monotonic() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func add(_ record: CloudTrailRecord, to trail: Trail) {
        let id = trail.arn + "|" + record.event.awsRegion
        if buffers[id] == nil { buffers[id] = Buffer(trail: trail, region: record.event.awsRegion, since: Self.monotonic()) }
        buffers[id]!.trail = trail
        buffers[id]!.records.append(record)
        buffers[id]!.bytes += record.bytes.count
        if let full = buffers[id], full.records.count >= Self.maxBufferedRecords || full.bytes >= Self.maxBufferedBytes {
            buffers[id] = nil
            deliver(full)
        }
    }

    /// A buffer is delivered early once it holds this many records or bytes, so a flood of
    /// large records never waits in memory for the delivery interval.
    static let maxBufferedRecords = 5000
    static let maxBufferedBytes = 16 << 20

    /// Delivers due buffers (all of them with `force`) and writes due digests.
    func tick(trails: [Trail], force: Bool) {
        let now = Self.monotonic()
        for (id, buffer) in buffers where force || now - buffer.since >= deliveryInterval {
            buffers[id] = nil
            deliver(buffer)
        }
        let serviceNow = clock.now()
        for trail in trails where trail.logFileValidationEnabled {
            for (id, state) in chains where id.hasPrefix(trail.arn + "|") {
                let region = String(id.dropFirst(trail.arn.count + 1))
                let due = trail.isLogging && serviceNow - state.periodStart >= digestInterval
                let final = (force || !trail.isLogging) && !state.pending.isEmpty
                if due || final { writeDigest(trail: trail, region: region) }
            }
        }
    }

    /// A stopped or deleted trail: deliver what it buffered and close its digest chain.
    func finish(_ trail: Trail) {
        for (id, buffer) in buffers where id.hasPrefix(trail.arn + "|") {
            buffers[id] = nil
            deliver(buffer)
        }
        guard trail.logFileValidationEnabled else { return }
        for (id, state) in chains where id.hasPrefix(trail.arn + "|") && !state.pending.isEmpty {
            writeDigest(trail: trail, region: String(id.dropFirst(trail.arn.count + 1)))
        }
    }

    func deliver(_ buffer: Buffer) {
        guard !buffer.records.isEmpty else { return }
        let trail = buffer.trail
        let time = clock.now()
        let object = ObjectLayout.logFileKey(prefix: trail.s3KeyPrefix, account: trail.account, region: buffer.region,
                                             time: time, uniqueID: ObjectLayout.uniqueID())
        var content = Array("{\"Records\":[".utf8)
        for (i, record) in buffer.records.enumerated() {
            if i > 0 { content.append(UInt8(ascii: ",")) }
            content += record.bytes
        }
        content += Array("]}".utf8)
        guard write(Gzip.compress(content), bucket: trail.s3BucketName, key: object) else { return }
        registry.noteDelivery(arn: trail.arn, at: time, digest: false)
        guard trail.logFileValidationEnabled else { return }
        let times = buffer.records.map(\.eventTime)
        let id = trail.arn + "|" + buffer.region
        var state = chains[id] ?? DigestChainState(periodStart: trail.startLoggingTime ?? time)
        state.pending.append(DigestedLogFile(s3Bucket: trail.s3BucketName, s3Object: object, hashValue: DigestCrypto.sha256Hex(content),
                                             oldestEventTime: times.min() ?? time, newestEventTime: times.max() ?? time))
        chains[id] = state
        storage.write([AuditStorage.saveDigestState(trailArn: trail.arn, region: buffer.region, state: state)])
    }

    func writeDigest(trail: Trail, region: String) {
        let id = trail.arn + "|" + region
        guard var state = chains[id] else { return }
        guard let key = try? signingKey.get() else {
            lastError = "the digest signing key cannot be read or created"
            return
        }
        var end = clock.now().rounded(.down)
        if let last = state.last, end <= last.endTime { end = last.endTime + 1 }
        let object = ObjectLayout.digestKey(prefix: trail.s3KeyPrefix, account: trail.account, region: region,
                                            trailName: trail.name, homeRegion: trail.homeRegion, endTime: end)
        let content = DigestFile.content(account: trail.account, bucket: trail.s3BucketName, object: object, startTime: state.periodStart,
                                         endTime: end, fingerprint: key.fingerprint, previous: state.last, logFiles: state.pending)
        let hash = DigestCrypto.sha256Hex(content)
        let toSign = DigestFile.stringToSign(endTime: UTCTime(epoch: end).iso8601, bucket: trail.s3BucketName, object: object,
                                             contentHash: hash, previousSignature: state.last?.signature)
        guard let signature = try? DigestCrypto.hex(key.sign(toSign)) else {
            lastError = "digest signing failed"
            return
        }
        publishKey(trail, key: key)
        guard write(Gzip.compress(content), bucket: trail.s3BucketName, key: object),
              write(Array(signature.utf8), bucket: trail.s3BucketName, key: ObjectLayout.signatureSidecar(object)) else { return }
        state = DigestChainState(last: DigestLink(s3Bucket: trail.s3BucketName, s3Object: object, hashValue: hash, signature: signature, endTime: end),
                                 periodStart: end)
        chains[id] = state
        storage.write([AuditStorage.saveDigestState(trailArn: trail.arn, region: region, state: state)])
        registry.noteDelivery(arn: trail.arn, at: end, digest: true)
    }

    /// The public key beside the digests, so that validation works offline.
    func publishKey(_ trail: Trail, key: SigningKey) {
        let object = ObjectLayout.publicKeyKey(prefix: trail.s3KeyPrefix, account: trail.account, fingerprint: key.fingerprint)
        let id = trail.s3BucketName + "/" + object
        guard !publishedKeys.contains(id) else { return }
        if write(key.publicKeyDER, bucket: trail.s3BucketName, key: object) { publishedKeys.insert(id) }
    }

    /// Writes a file whole and durably: a temporary name, fsync, then rename into place.
    @discardableResult
    func write(_ bytes: [UInt8], bucket: String, key: String) -> Bool {
        let path = root + "/" + bucket + "/" + key
        let folder = PathText.folder(of: path)
        let temporary = folder + "/." + PathText.lastComponent(of: path) + ".tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard OutputFile.writeDurably(bytes, to: temporary) else { throw CocoaError(.fileWriteUnknown) }
            if rename(temporary, path) != 0 { throw CocoaError(.fileWriteUnknown) }
            return true
        } catch {
            lastError = "cannot write \(path): \(error)"
            return false
        }
    }
}
