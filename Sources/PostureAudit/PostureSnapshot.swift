import WardenSupport

/// What the audit looks at: the answers of the public APIs, as the caller fetched them (so
/// the report holds only what the caller may see). Plain data: the checks run on it without
/// a server.
public struct PostureSnapshot: Sendable {
    public var tables: [TableState] = []
    public var identityPolicies: [IdentityPolicy] = []
    public var trails: [TrailState] = []
    /// The simulated time of the audit, in seconds since the epoch.
    public var now: Double = 0
    /// The newest on-demand backup may be at most this old (DynamoDB.4).
    public var backupMaxAgeDays: Double = 7

    public init() {}
}

/// One table: DescribeTable's `Table`, DescribeContinuousBackups's
/// `ContinuousBackupsDescription`, DescribeTimeToLive's `TimeToLiveDescription`, the
/// table's ListBackups summaries, and the resource policies of the table and its stream.
public struct TableState: Sendable {
    public var description: JSONValue
    public var continuousBackups: JSONValue?
    public var timeToLive: JSONValue?
    public var backups: [JSONValue] = []
    public var resourcePolicy: String?
    public var streamPolicy: String?
    /// KMS DescribeKey's `KeyManager` (`AWS` or `CUSTOMER`) for the table's key, when known.
    public var kmsKeyManager: String?

    public init(description: JSONValue) { self.description = description }

    public var name: String { description["TableName"]?.stringValue ?? "" }
    public var arn: String { description["TableArn"]?.stringValue ?? "" }
    public var streamArn: String? { description["LatestStreamArn"]?.stringValue }
}

/// One identity policy document: an inline policy of a user or role, or a customer managed
/// policy's default version.
public struct IdentityPolicy: Sendable {
    public enum Holder: Sendable, Equatable {
        case user(String), role(String), group(String), managed
    }
    public var holder: Holder
    /// The user's or role's ARN for an inline policy, the policy's ARN for a managed one.
    public var arn: String
    public var policyName: String
    public var document: String

    public init(holder: Holder, arn: String, policyName: String, document: String) {
        self.holder = holder
        self.arn = arn
        self.policyName = policyName
        self.document = document
    }
}

/// One trail: DescribeTrails's entry, whether it is logging (GetTrailStatus), and
/// GetEventSelectors's answer.
public struct TrailState: Sendable {
    public var name: String
    public var isLogging: Bool
    public var selectors: JSONValue

    public init(name: String, isLogging: Bool, selectors: JSONValue) {
        self.name = name
        self.isLogging = isLogging
        self.selectors = selectors
    }
}
