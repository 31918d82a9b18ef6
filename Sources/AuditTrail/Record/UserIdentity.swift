import DynamoModel

/// CloudTrail's `userIdentity` element: who made the request.
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html)
public struct UserIdentity: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case root = "Root"
        case iamUser = "IAMUser"
        case assumedRole = "AssumedRole"
        case webIdentityUser = "WebIdentityUser"
        case federatedUser = "FederatedUser"
        case awsService = "AWSService"
        case awsAccount = "AWSAccount"
        /// The credentials named no identity Warden knows (e.g. an unknown access key).
        case unknown = "Unknown"
    }

    /// The entity that issued temporary credentials (a role, or a user for GetFederationToken).
    public struct SessionIssuer: Sendable, Equatable {
        public var type: String
        public var principalId: String
        public var arn: String
        public var accountId: String
        public var userName: String

        public init(type: String = "Role", principalId: String, arn: String, accountId: String, userName: String) {
            self.type = type
            self.principalId = principalId
            self.arn = arn
            self.accountId = accountId
            self.userName = userName
        }
    }

    public struct SessionContext: Sendable, Equatable {
        public var sessionIssuer: SessionIssuer?
        /// When the temporary credentials were issued (epoch seconds).
        public var creationDate: Double?
        public var mfaAuthenticated: Bool
        /// `webIdFederationData` for AssumeRoleWithWebIdentity sessions.
        public var webIdFederationProvider: String?
        public var webIdFederationAttributes: [(String, String)]
        public var sourceIdentity: String?

        public init(sessionIssuer: SessionIssuer? = nil, creationDate: Double? = nil, mfaAuthenticated: Bool = false,
                    webIdFederationProvider: String? = nil, webIdFederationAttributes: [(String, String)] = [], sourceIdentity: String? = nil) {
            self.sessionIssuer = sessionIssuer
            self.creationDate = creationDate
            self.mfaAuthenticated = mfaAuthenticated
            self.webIdFederationProvider = webIdFederationProvider
            self.webIdFederationAttributes = webIdFederationAttributes
            self.sourceIdentity = sourceIdentity
        }

        public static func == (a: SessionContext, b: SessionContext) -> Bool {
            a.sessionIssuer == b.sessionIssuer && a.creationDate == b.creationDate && a.mfaAuthenticated == b.mfaAuthenticated
                && a.webIdFederationProvider == b.webIdFederationProvider && a.sourceIdentity == b.sourceIdentity
                && a.webIdFederationAttributes.elementsEqual(b.webIdFederationAttributes, by: { $0 == $1 })
        }
    }

    public var type: Kind
    public var principalId: String?
    public var arn: String?
    public var accountId: String?
    public var accessKeyId: String?
    public var userName: String?
    public var sessionContext: SessionContext?
    /// For `AWSService`: the service that acted (e.g. `dynamodb.amazonaws.com`).
    public var invokedBy: String?

    public init(type: Kind, principalId: String? = nil, arn: String? = nil, accountId: String? = nil, accessKeyId: String? = nil,
                userName: String? = nil, sessionContext: SessionContext? = nil, invokedBy: String? = nil) {
        self.type = type
        self.principalId = principalId
        self.arn = arn
        self.accountId = accountId
        self.accessKeyId = accessKeyId
        self.userName = userName
        self.sessionContext = sessionContext
        self.invokedBy = invokedBy
    }

    /// A service acting on its own (TTL deletions, backups): `{type: AWSService, invokedBy}`.
    public static func service(_ invokedBy: String) -> UserIdentity {
        UserIdentity(type: .awsService, invokedBy: invokedBy)
    }

    /// The name LookupEvents reports as `Username`: the user or role-session name, "root" for
    /// an account root, the service for service events.
    public var lookupUsername: String? {
        switch type {
        case .root: return userName ?? "root"
        case .awsService: return invokedBy
        case .assumedRole, .webIdentityUser:
            if let arn, let slash = arn.lastIndex(of: "/") { return String(arn[arn.index(after: slash)...]) }
            return userName
        default: return userName
        }
    }

    public var json: JSONValue {
        var m: [(String, JSONValue)] = [("type", .string(type.rawValue))]
        if let principalId { m.append(("principalId", .string(principalId))) }
        if let arn { m.append(("arn", .string(arn))) }
        if let accountId { m.append(("accountId", .string(accountId))) }
        if let accessKeyId { m.append(("accessKeyId", .string(accessKeyId))) }
        if let userName { m.append(("userName", .string(userName))) }
        if let context = sessionContext {
            var c: [(String, JSONValue)] = []
            if let issuer = context.sessionIssuer {
                c.append(("sessionIssuer", [
                    "type": .string(issuer.type), "principalId": .string(issuer.principalId), "arn": .string(issuer.arn),
                    "accountId": .string(issuer.accountId), "userName": .string(issuer.userName),
                ]))
            }
            if let provider = context.webIdFederationProvider {
                c.append(("webIdFederationData", [
                    "federatedProvider": .string(provider),
                    "attributes": .object(context.webIdFederationAttributes.map { ($0.0, .string($0.1)) }),
                ]))
            }
            var attributes: [(String, JSONValue)] = []
            if let created = context.creationDate { attributes.append(("creationDate", .string(UTCTime(epoch: created).iso8601))) }
            attributes.append(("mfaAuthenticated", .string(context.mfaAuthenticated ? "true" : "false")))
            c.append(("attributes", .object(attributes)))
            if let source = context.sourceIdentity { c.append(("sourceIdentity", .string(source))) }
            m.append(("sessionContext", .object(c)))
        }
        if let invokedBy { m.append(("invokedBy", .string(invokedBy))) }
        return .object(m)
    }
}
