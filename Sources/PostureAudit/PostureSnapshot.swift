import WardenSupport

/// What the audit looks at: the answers of the public APIs, as the caller fetched them (so
/// the report holds only what the caller may see). Plain data: the checks run on it without
/// a server.
public struct PostureSnapshot: Sendable {
    public var tables: [TableState] = []
    public var identityPolicies: [IdentityPolicy] = []
    public var trails: [TrailState] = []
    /// AWS Backup: GetBackupSelection's `BackupSelection` of every selection of every plan
    /// ListBackupPlans lists (deleted plans left out): what DynamoDB.4 asks about.
    public var backupSelections: [JSONValue] = []
    /// Application Auto Scaling: DescribeScalableTargets's and DescribeScalingPolicies's
    /// entries for the `dynamodb` namespace: what DynamoDB.1 asks about.
    public var scalableTargets: [JSONValue] = []
    public var scalingPolicies: [JSONValue] = []

    public init() {}
}

/// One table: DescribeTable's `Table`, DescribeContinuousBackups's
/// `ContinuousBackupsDescription`, DescribeTimeToLive's `TimeToLiveDescription`, its tags
/// (ListTagsOfResource), and the resource policies of the table and its stream.
public struct TableState: Sendable {
    public var description: JSONValue
    public var continuousBackups: JSONValue?
    public var timeToLive: JSONValue?
    /// The table's tags (for tag-based backup selections).
    public var tags: [String: String] = [:]
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
