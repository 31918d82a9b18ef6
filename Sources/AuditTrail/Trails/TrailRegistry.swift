import DynamoStorage
import DynamoModel
import Synchronization

/// The trails of every account, in memory and in the database, and the CloudTrail API's
/// trail operations over them. Each operation answers with the response JSON or a
/// `CloudTrailError` once its change is committed.
public final class TrailRegistry: Sendable {
    public typealias Completion = @Sendable (Result<JSONValue, CloudTrailError>) -> Void

    let storage: AuditStorage
    let clock: WardenClock
    private let trails: Mutex<[String: Trail]>

    init(storage: AuditStorage, clock: WardenClock) throws {
        self.storage = storage
        self.clock = clock
        let loaded = try storage.loadTrails()
        trails = Mutex(Dictionary(loaded.map { ($0.arn, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Every trail as it stands now (the delivery thread reads this each cycle).
    public func snapshot() -> [Trail] { trails.withLock { Array($0.values) }.sorted { $0.arn < $1.arn } }

    /// A trail by name (home region, or any multi-region trail) or ARN, in the caller's account.
    func find(_ nameOrArn: String, account: String, region: String) -> Trail? {
        trails.withLock { all in
            if nameOrArn.hasPrefix("arn:") { return all[nameOrArn].flatMap { $0.account == account ? $0 : nil } }
            return all.values.first { $0.account == account && $0.name == nameOrArn && ($0.homeRegion == region || $0.isMultiRegionTrail) }
        }
    }

    func require(_ params: JSONValue, _ member: String, account: String, region: String) throws(CloudTrailError) -> Trail {
        guard let name = params[member]?.stringValue else {
            throw CloudTrailError("InvalidTrailNameException", "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")
        }
        if !name.hasPrefix("arn:") { try Self.checkName(name) }
        guard let trail = find(name, account: account, region: region) else {
            throw .trailNotFound(name.hasPrefix("arn:") ? name : "arn:aws:cloudtrail:\(region):\(account):trail/\(name)", account: account)
        }
        return trail
    }

    /// CloudTrail's trail-name rules, with its messages.
    static func checkName(_ name: String) throws(CloudTrailError) {
        let count = name.count
        if count < 3 { throw .invalidTrailName("Trail name too short. Minimum allowed length: 3 characters. Specified name length: \(count) characters.") }
        if count > 128 { throw .invalidTrailName("Trail name too long. Maximum allowed length: 128 characters. Specified name length: \(count) characters.") }
        func alnum(_ c: Character?) -> Bool { c.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false }
        if !alnum(name.first) { throw .invalidTrailName("Trail name must starts with a letter or number.") }
        if !alnum(name.last) { throw .invalidTrailName("Trail name must ends with a letter or number.") }
        if !name.allSatisfy({ alnum($0) || $0 == "." || $0 == "-" || $0 == "_" }) {
            throw .invalidTrailName("Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")
        }
        for pair in ["..", "._", ".-", "_.", "-.", "__", "_-", "-_", "--"] where name.contains(pair) {
            throw .invalidTrailName("Trail name must not have adjacent periods, underscores or dashes. Specified name: \(name)")
        }
    }

    /// Bucket names become folder names: S3's rules keep them safe (no `/`, no `..`).
    static func checkBucket(_ name: String) throws(CloudTrailError) {
        let ok = (3...63).contains(name.count) && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            && !name.contains("..") && (name.first?.isLetter == true || name.first?.isNumber == true)
        if !ok { throw .invalidS3Bucket("Bucket name is not valid: \(name)") }
    }

    static func checkPrefix(_ prefix: String) throws(CloudTrailError) {
        if prefix.count > 200 || prefix.hasPrefix("/") || prefix.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) {
            throw .invalidS3Prefix("Invalid S3 prefix: \(prefix)")
        }
    }

    func save(_ trail: Trail, response: JSONValue, completion: @escaping Completion) {
        trails.withLock { $0[trail.arn] = trail }
        storage.write([AuditStorage.saveTrail(trail)]) { result in
            switch result {
            case .success: completion(.success(response))
            case .failure: completion(.failure(CloudTrailError("InternalErrorException", "The trail could not be saved.", httpStatus: 500)))
            }
        }
    }

    func run(_ completion: @escaping Completion, _ body: () throws(CloudTrailError) -> Void) {
        do { try body() } catch { completion(.failure(error)) }
    }

    // MARK: operations

    public func createTrail(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            guard let name = p["Name"]?.stringValue else { throw .invalidTrailName("Trail name too short. Minimum allowed length: 3 characters. Specified name length: 0 characters.") }
            try Self.checkName(name)
            guard let bucket = p["S3BucketName"]?.stringValue else { throw .invalidS3Bucket("S3BucketName is required.") }
            try Self.checkBucket(bucket)
            var trail = Trail(name: name, account: account, homeRegion: region, s3BucketName: bucket)
            guard find(trail.arn, account: account, region: region) == nil else { throw .trailAlreadyExists(name, account: account) }
            try apply(p, to: &trail)
            trail.tags = (p["TagsList"]?.arrayValue ?? []).compactMap { t in t["Key"]?.stringValue.map { ($0, t["Value"]?.stringValue ?? "") } }
            save(trail, response: trail.creationResponse, completion: completion)
        }
    }

    public func updateTrail(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            var trail = try require(p, "Name", account: account, region: region)
            if let bucket = p["S3BucketName"]?.stringValue {
                try Self.checkBucket(bucket)
                trail.s3BucketName = bucket
            }
            try apply(p, to: &trail)
            save(trail, response: trail.creationResponse, completion: completion)
        }
    }

    func apply(_ p: JSONValue, to trail: inout Trail) throws(CloudTrailError) {
        if let prefix = p["S3KeyPrefix"]?.stringValue {
            try Self.checkPrefix(prefix)
            trail.s3KeyPrefix = prefix.isEmpty ? nil : prefix
        }
        if let v = p["SnsTopicName"]?.stringValue { trail.snsTopicName = v }
        if let v = p["IncludeGlobalServiceEvents"]?.boolValue { trail.includeGlobalServiceEvents = v }
        if let v = p["IsMultiRegionTrail"]?.boolValue { trail.isMultiRegionTrail = v }
        if let v = p["EnableLogFileValidation"]?.boolValue { trail.logFileValidationEnabled = v }
        if let v = p["IsOrganizationTrail"]?.boolValue { trail.isOrganizationTrail = v }
        if let v = p["KmsKeyId"]?.stringValue { trail.kmsKeyId = v }
        if let v = p["CloudWatchLogsLogGroupArn"]?.stringValue { trail.cloudWatchLogsLogGroupArn = v }
        if let v = p["CloudWatchLogsRoleArn"]?.stringValue { trail.cloudWatchLogsRoleArn = v }
        if trail.isMultiRegionTrail && !trail.includeGlobalServiceEvents {
            throw .invalidParameterCombination("Multi-Region trail must include global service events.")
        }
    }

    public func getTrail(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            completion(.success(["Trail": try require(p, "Name", account: account, region: region).description]))
        }
    }

    public func describeTrails(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        let names = p["trailNameList"]?.arrayValue?.compactMap(\.stringValue)
        let shadows = p["includeShadowTrails"]?.boolValue ?? true
        let list = snapshot().filter { t in
            guard t.account == account, t.homeRegion == region || (shadows && t.isMultiRegionTrail) else { return false }
            guard let names, !names.isEmpty else { return true }
            return names.contains(t.name) || names.contains(t.arn)
        }
        completion(.success(["trailList": .array(list.map(\.description))]))
    }

    public func listTrails(account: String, completion: @escaping Completion) {
        let list = snapshot().filter { $0.account == account }
        completion(.success(["Trails": .array(list.map { ["TrailARN": .string($0.arn), "Name": .string($0.name), "HomeRegion": .string($0.homeRegion)] })]))
    }

    public func deleteTrail(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            let trail = try require(p, "Name", account: account, region: region)
            // Logging stops first, so the delivery thread writes the final files and digest.
            var stopped = trail
            if stopped.isLogging {
                stopped.isLogging = false
                stopped.stopLoggingTime = clock.now()
            }
            trails.withLock { _ = $0.removeValue(forKey: trail.arn) }
            pendingDeletes.withLock { $0.append(stopped) }
            storage.write(AuditStorage.deleteTrail(trail.arn)) { result in
                AuditStorage.logFailure(result)
                completion(.success([:]))
            }
        }
    }

    /// Trails deleted while logging, for the delivery thread to finish (final files, digest).
    let pendingDeletes = Mutex<[Trail]>([])

    public func startLogging(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            var trail = try require(p, "Name", account: account, region: region)
            if !trail.isLogging {
                trail.isLogging = true
                trail.startLoggingTime = clock.now()
            }
            save(trail, response: [:], completion: completion)
        }
    }

    public func stopLogging(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            var trail = try require(p, "Name", account: account, region: region)
            if trail.isLogging {
                trail.isLogging = false
                trail.stopLoggingTime = clock.now()
            }
            save(trail, response: [:], completion: completion)
        }
    }

    public func getTrailStatus(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            let t = try require(p, "Name", account: account, region: region)
            var m: [(String, JSONValue)] = [("IsLogging", .bool(t.isLogging))]
            func add(_ name: String, _ time: Double?) { if let time { m.append((name, .timestamp(time))) } }
            add("LatestDeliveryTime", t.latestDeliveryTime)
            add("LatestDigestDeliveryTime", t.latestDigestDeliveryTime)
            add("StartLoggingTime", t.startLoggingTime)
            add("StopLoggingTime", t.stopLoggingTime)
            if let d = t.latestDeliveryTime {
                m.append(("LatestDeliveryAttemptTime", .string(UTCTime(epoch: d).iso8601)))
                m.append(("LatestDeliveryAttemptSucceeded", .string(UTCTime(epoch: d).iso8601)))
            }
            if let s = t.startLoggingTime { m.append(("TimeLoggingStarted", .string(UTCTime(epoch: s).iso8601))) }
            if let s = t.stopLoggingTime { m.append(("TimeLoggingStopped", .string(UTCTime(epoch: s).iso8601))) }
            completion(.success(.object(m)))
        }
    }

    public func putEventSelectors(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            var trail = try require(p, "TrailName", account: account, region: region)
            trail.selection = try EventSelection.parse(eventSelectors: p["EventSelectors"], advancedEventSelectors: p["AdvancedEventSelectors"])
            save(trail, response: .object([("TrailARN", .string(trail.arn))] + trail.selection.responseMembers), completion: completion)
        }
    }

    public func getEventSelectors(_ p: JSONValue, account: String, region: String, completion: @escaping Completion) {
        run(completion) { () throws(CloudTrailError) in
            let trail = try require(p, "TrailName", account: account, region: region)
            completion(.success(.object([("TrailARN", .string(trail.arn))] + trail.selection.responseMembers)))
        }
    }

    /// Records delivery times (GetTrailStatus); kept in memory and saved with the next change.
    func noteDelivery(arn: String, at time: Double, digest: Bool) {
        trails.withLock { all in
            guard var t = all[arn] else { return }
            if digest { t.latestDigestDeliveryTime = time } else { t.latestDeliveryTime = time }
            all[arn] = t
        }
    }
}
