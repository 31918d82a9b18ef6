import WardenSupport
/// An IAM user.
public struct User: Codable, Sendable, Hashable {
    public var name: String
    public var path: String
    /// AIDA… unique id.
    public var id: String
    public var createDate: Double
    public var tags: [Tag] = []
    public var inlinePolicies: [InlinePolicy] = []
    public var attachedPolicyArns: [String] = []
    public var permissionsBoundaryArn: String?
    /// Names of the groups the user belongs to, in the order it joined them.
    public var groupNames: [String] = []
    public var accessKeys: [AccessKey] = []

    public init(name: String, path: String, id: String, createDate: Double) {
        self.name = name
        self.path = path
        self.id = id
        self.createDate = createDate
    }

    public func arn(account: String) -> String { "arn:aws:iam::\(account):user\(path)\(name)" }
}

/// An IAM group.
public struct Group: Codable, Sendable, Hashable {
    public var name: String
    public var path: String
    /// AGPA… unique id.
    public var id: String
    public var createDate: Double
    public var inlinePolicies: [InlinePolicy] = []
    public var attachedPolicyArns: [String] = []

    public init(name: String, path: String, id: String, createDate: Double) {
        self.name = name
        self.path = path
        self.id = id
        self.createDate = createDate
    }

    public func arn(account: String) -> String { "arn:aws:iam::\(account):group\(path)\(name)" }
}

/// An IAM role with its trust policy.
public struct Role: Codable, Sendable, Hashable {
    public var name: String
    public var path: String
    /// AROA… unique id.
    public var id: String
    public var createDate: Double
    /// The trust (assume-role) policy document as given.
    public var trustPolicy: String
    public var description: String?
    /// Seconds, 3600...43200.
    public var maxSessionDuration: Int = 3600
    public var tags: [Tag] = []
    public var inlinePolicies: [InlinePolicy] = []
    public var attachedPolicyArns: [String] = []
    public var permissionsBoundaryArn: String?
    public var lastUsedDate: Double?
    public var lastUsedRegion: String?

    public init(name: String, path: String, id: String, createDate: Double, trustPolicy: String) {
        self.name = name
        self.path = path
        self.id = id
        self.createDate = createDate
        self.trustPolicy = trustPolicy
    }

    public func arn(account: String) -> String { "arn:aws:iam::\(account):role\(path)\(name)" }
}

/// One version of a managed policy.
public struct PolicyVersion: Codable, Sendable, Hashable {
    /// "v1", "v2"…
    public var id: String
    public var document: String
    public var createDate: Double

    public init(id: String, document: String, createDate: Double) {
        self.id = id
        self.document = document
        self.createDate = createDate
    }
}

/// A customer managed policy (`arn:aws:iam::ACCOUNT:policy/PATH/NAME`) with up to five
/// versions, one of them the default.
public struct ManagedPolicy: Codable, Sendable, Hashable {
    public var name: String
    public var path: String
    /// ANPA… unique id.
    public var id: String
    public var createDate: Double
    public var updateDate: Double
    public var description: String?
    public var defaultVersionId: String
    public var versions: [PolicyVersion]
    public var tags: [Tag] = []
    /// The number the next version gets (IAM never reuses version numbers).
    public var nextVersion: Int = 2

    public init(name: String, path: String, id: String, createDate: Double, document: String) {
        self.name = name
        self.path = path
        self.id = id
        self.createDate = createDate
        self.updateDate = createDate
        self.defaultVersionId = "v1"
        self.versions = [PolicyVersion(id: "v1", document: document, createDate: createDate)]
    }

    public func arn(account: String) -> String { "arn:aws:iam::\(account):policy\(path)\(name)" }

    public var defaultDocument: String {
        versions.first { $0.id == defaultVersionId }?.document ?? versions.last?.document ?? "{}"
    }
}
