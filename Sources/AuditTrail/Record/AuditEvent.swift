import DynamoModel

/// One finished request (or service action) as the server hands it to the audit trail: the
/// raw material of a CloudTrail record. Request and response bodies travel raw and are shaped
/// (redacted) only when the record is rendered, on the trail's background writer.
public struct AuditEvent: Sendable {
    public enum Category: String, Sendable {
        case management = "Management"
        case data = "Data"
    }

    /// How `requestParameters` / `responseElements` are to be written.
    public enum Body: Sendable {
        /// A DynamoDB request or response JSON, shaped as CloudTrail shows DynamoDB calls
        /// (data events: keys only; management events: members lower-camel-cased).
        case dynamo(JSONValue)
        /// A DynamoDB response body not yet parsed (parsed off the request path).
        case dynamoBytes([UInt8])
        /// Already in CloudTrail's shape (IAM, STS, CloudTrail calls).
        case shaped(JSONValue)
        /// Already in CloudTrail's shape, as JSON text: how the recent-events buffer keeps
        /// bodies (a parsed tree of a 25-key batch costs ten times its text).
        case shapedText([UInt8])
        /// As `shapedText`, DEFLATE-compressed: large bodies (batches) in that buffer.
        case shapedDeflated([UInt8])
    }

    public struct Resource: Sendable, Equatable {
        public var type: String
        public var arn: String
        public var accountId: String

        public init(type: String, arn: String, accountId: String) {
            self.type = type
            self.arn = arn
            self.accountId = accountId
        }

        /// The resource name LookupEvents reports (the table name of a table ARN).
        public var name: String {
            if let slash = arn.firstIndex(of: "/") {
                let rest = arn[arn.index(after: slash)...]
                return String(rest.split(separator: "/", maxSplits: 1).first ?? rest)
            }
            return arn
        }
    }

    /// `tlsDetails` (filled once the server speaks TLS).
    public struct TLSDetails: Sendable {
        public var tlsVersion: String
        public var cipherSuite: String
        public var clientProvidedHostHeader: String?

        public init(tlsVersion: String, cipherSuite: String, clientProvidedHostHeader: String?) {
            self.tlsVersion = tlsVersion
            self.cipherSuite = cipherSuite
            self.clientProvidedHostHeader = clientProvidedHostHeader
        }
    }

    public var eventTime: Double
    public var eventSource: String
    public var eventName: String
    public var awsRegion: String
    public var sourceIPAddress: String
    public var userAgent: String?
    public var userIdentity: UserIdentity
    public var request: Body?
    public var response: Body?
    public var errorCode: String?
    public var errorMessage: String?
    /// Authorization refused the request (errorCode becomes `AccessDenied`).
    public var denied: Bool
    public var requestID: String
    public var eventID: String
    public var readOnly: Bool
    public var resources: [Resource]
    public var category: Category
    public var recipientAccountId: String
    public var apiVersion: String?
    /// `AwsApiCall`, or `AwsServiceEvent` for actions the service takes itself.
    public var eventType: String
    public var tlsDetails: TLSDetails?
    /// Extra members of `additionalEventData` (Warden's `wardenDecisionTrace` for denials).
    public var additionalEventData: [(String, JSONValue)]

    public init(eventTime: Double, eventSource: String, eventName: String, awsRegion: String, sourceIPAddress: String,
                userAgent: String?, userIdentity: UserIdentity, request: Body?, response: Body?, errorCode: String?,
                errorMessage: String?, denied: Bool, requestID: String, eventID: String, readOnly: Bool, resources: [Resource],
                category: Category, recipientAccountId: String, apiVersion: String? = nil, eventType: String = "AwsApiCall",
                tlsDetails: TLSDetails? = nil, additionalEventData: [(String, JSONValue)] = []) {
        self.eventTime = eventTime
        self.eventSource = eventSource
        self.eventName = eventName
        self.awsRegion = awsRegion
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
        self.userIdentity = userIdentity
        self.request = request
        self.response = response
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.denied = denied
        self.requestID = requestID
        self.eventID = eventID
        self.readOnly = readOnly
        self.resources = resources
        self.category = category
        self.recipientAccountId = recipientAccountId
        self.apiVersion = apiVersion
        self.eventType = eventType
        self.tlsDetails = tlsDetails
        self.additionalEventData = additionalEventData
    }

    public var isManagement: Bool { category == .management }

    /// About how many bytes the event holds: its bodies' bytes (kept bodies are byte arrays;
    /// parsed ones are counted as their text would be) plus its strings.
    public var approximateBytes: Int {
        func size(_ body: Body?) -> Int {
            switch body {
            case nil: return 0
            case .shapedText(let b)?, .shapedDeflated(let b)?, .dynamoBytes(let b)?: return b.count
            case .dynamo(let v)?, .shaped(let v)?: return JSONWriter.encode(v).count
            }
        }
        let strings = [eventName, eventSource, awsRegion, sourceIPAddress, requestID, eventID, recipientAccountId].reduce(0) { $0 + $1.utf8.count }
        return 256 + size(request) + size(response) + strings + (userAgent?.utf8.count ?? 0) + (errorMessage?.utf8.count ?? 0)
            + resources.reduce(0) { $0 + $1.arn.utf8.count + 64 }
    }

    /// Forgets the request and response bodies (an event evicted from a bounded buffer).
    mutating func dropBodies() {
        request = nil
        response = nil
    }
    /// The errorCode the record carries: `AccessDenied` for authorization denials.
    public var recordedErrorCode: String? { denied ? "AccessDenied" : errorCode }
}
