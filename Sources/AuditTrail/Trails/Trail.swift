import DynamoModel

/// A trail: where events go (bucket and prefix), which (selectors), and whether it logs.
public struct Trail: Sendable {
    public var name: String
    public var account: String
    public var homeRegion: String
    public var s3BucketName: String
    public var s3KeyPrefix: String?
    public var snsTopicName: String?
    public var includeGlobalServiceEvents = true
    public var isMultiRegionTrail = false
    public var logFileValidationEnabled = false
    public var isOrganizationTrail = false
    public var kmsKeyId: String?
    public var cloudWatchLogsLogGroupArn: String?
    public var cloudWatchLogsRoleArn: String?
    public var tags: [(String, String)] = []
    public var selection: EventSelection = .default

    public var isLogging = false
    public var startLoggingTime: Double?
    public var stopLoggingTime: Double?
    public var latestDeliveryTime: Double?
    public var latestDigestDeliveryTime: Double?

    public init(name: String, account: String, homeRegion: String, s3BucketName: String) {
        self.name = name
        self.account = account
        self.homeRegion = homeRegion
        self.s3BucketName = s3BucketName
    }

    public var arn: String { "arn:aws:cloudtrail:\(homeRegion):\(account):trail/\(name)" }

    /// Whether the trail records `event`: its account, its region (unless multi-region), its
    /// logging window, and its selectors.
    public func records(_ event: AuditEvent) -> Bool {
        guard event.recipientAccountId == account, isMultiRegionTrail || event.awsRegion == homeRegion else { return false }
        guard let started = startLoggingTime, event.eventTime >= started else { return false }
        if !isLogging, let stopped = stopLoggingTime, event.eventTime > stopped { return false }
        return selection.matches(event)
    }

    /// The `Trail` structure of GetTrail and DescribeTrails.
    public var description: JSONValue {
        var m: [(String, JSONValue)] = [("Name", .string(name)), ("S3BucketName", .string(s3BucketName))]
        if let s3KeyPrefix { m.append(("S3KeyPrefix", .string(s3KeyPrefix))) }
        if let snsTopicName {
            m.append(("SnsTopicName", .string(snsTopicName)))
            m.append(("SnsTopicARN", .string("arn:aws:sns:\(homeRegion):\(account):\(snsTopicName)")))
        }
        m += [
            ("IncludeGlobalServiceEvents", .bool(includeGlobalServiceEvents)), ("IsMultiRegionTrail", .bool(isMultiRegionTrail)),
            ("HomeRegion", .string(homeRegion)), ("TrailARN", .string(arn)), ("LogFileValidationEnabled", .bool(logFileValidationEnabled)),
        ]
        if let cloudWatchLogsLogGroupArn { m.append(("CloudWatchLogsLogGroupArn", .string(cloudWatchLogsLogGroupArn))) }
        if let cloudWatchLogsRoleArn { m.append(("CloudWatchLogsRoleArn", .string(cloudWatchLogsRoleArn))) }
        if let kmsKeyId { m.append(("KmsKeyId", .string(kmsKeyId))) }
        m += [("HasCustomEventSelectors", .bool(selection.isCustom)), ("HasInsightSelectors", false),
              ("IsOrganizationTrail", .bool(isOrganizationTrail))]
        return .object(m)
    }

    /// CreateTrail's and UpdateTrail's response: the description without HomeRegion and the
    /// selector flags.
    public var creationResponse: JSONValue {
        guard case .object(let members) = description else { return description }
        return .object(members.filter { !["HomeRegion", "HasCustomEventSelectors", "HasInsightSelectors"].contains($0.0) })
    }

    // MARK: persistence (the trail as one JSON document)

    var stored: JSONValue {
        guard case .object(var m) = description else { return description }
        m.append(("Account", .string(account)))
        m.append(("Tags", .array(tags.map { ["Key": .string($0.0), "Value": .string($0.1)] })))
        m += selection.responseMembers
        var status: [(String, JSONValue)] = [("IsLogging", .bool(isLogging))]
        for (name, value) in [("StartLoggingTime", startLoggingTime), ("StopLoggingTime", stopLoggingTime),
                              ("LatestDeliveryTime", latestDeliveryTime), ("LatestDigestDeliveryTime", latestDigestDeliveryTime)] {
            if let value { status.append((name, .timestamp(value))) }
        }
        m.append(("Status", .object(status)))
        return .object(m)
    }

    init?(stored json: JSONValue) {
        guard let name = json["Name"]?.stringValue, let account = json["Account"]?.stringValue,
              let region = json["HomeRegion"]?.stringValue, let bucket = json["S3BucketName"]?.stringValue else { return nil }
        self.init(name: name, account: account, homeRegion: region, s3BucketName: bucket)
        s3KeyPrefix = json["S3KeyPrefix"]?.stringValue
        snsTopicName = json["SnsTopicName"]?.stringValue
        includeGlobalServiceEvents = json["IncludeGlobalServiceEvents"]?.boolValue ?? true
        isMultiRegionTrail = json["IsMultiRegionTrail"]?.boolValue ?? false
        logFileValidationEnabled = json["LogFileValidationEnabled"]?.boolValue ?? false
        isOrganizationTrail = json["IsOrganizationTrail"]?.boolValue ?? false
        kmsKeyId = json["KmsKeyId"]?.stringValue
        cloudWatchLogsLogGroupArn = json["CloudWatchLogsLogGroupArn"]?.stringValue
        cloudWatchLogsRoleArn = json["CloudWatchLogsRoleArn"]?.stringValue
        tags = (json["Tags"]?.arrayValue ?? []).compactMap { t in
            guard let k = t["Key"]?.stringValue else { return nil }
            return (k, t["Value"]?.stringValue ?? "")
        }
        if let selection = try? EventSelection.parse(eventSelectors: json["EventSelectors"], advancedEventSelectors: json["AdvancedEventSelectors"]) {
            self.selection = selection
        }
        let status = json["Status"]
        isLogging = status?["IsLogging"]?.boolValue ?? false
        func time(_ key: String) -> Double? {
            if case .number(let text)? = status?[key] { return Double(text) }
            return nil
        }
        startLoggingTime = time("StartLoggingTime")
        stopLoggingTime = time("StopLoggingTime")
        latestDeliveryTime = time("LatestDeliveryTime")
        latestDigestDeliveryTime = time("LatestDigestDeliveryTime")
    }
}
