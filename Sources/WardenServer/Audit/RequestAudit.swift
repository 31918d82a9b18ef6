import AuditTrail
import DynamoModel

/// The audit context of one request: created by `Pipeline.handle`, filled in by the endpoint
/// as the request goes (who called, which operation, the parsed request, the resources, a
/// denial), and handed to the audit trail when the response is sent.
///
/// Owned by one request. @unchecked Sendable: it is written by that request's handler on its
/// event loop, and possibly by the storage writer's completion, strictly one step after the
/// other (each hand-off goes through the writer queue's lock), and read once after the last
/// write, when the response is sent. No two threads ever touch it at the same time.
public final class RequestAudit: @unchecked Sendable {
    public let requestId: String
    /// Service time the request arrived (the record's eventTime).
    public let startTime: Double
    public let sourceIPAddress: String
    public let userAgent: String?
    /// The raw credential (Authorization header or presigned query), read only when needed.
    let authorization: String?
    let query: String
    /// The request body's size (large requests' events are compacted before they are queued).
    let bodyBytes: Int

    /// The access key named by the request's credential, even when authentication fails.
    public var credentialAccessKeyId: String? { UnverifiedScope(authorization: authorization, query: query)?.accessKeyId }
    /// The region of the request's credential scope, even when authentication fails.
    public var credentialRegion: String? { UnverifiedScope(authorization: authorization, query: query)?.region }

    /// Who called, once authenticated.
    public var caller: Caller?
    /// The caller's ARN for the access log where the endpoint keeps no `caller` (IAM, STS).
    public var callerArn: String?
    /// The caller's ARN, as far as known.
    public var principalArn: String? { caller?.arn ?? callerArn }
    /// Authorization allowed the request (the access log's `decision`).
    public var authorized = false
    /// `dynamodb.amazonaws.com`, `cloudtrail.amazonaws.com`, later `iam.amazonaws.com`, `sts.amazonaws.com`.
    public var eventSource = DynamoEventCatalog.eventSource
    /// The operation (X-Amz-Target suffix or Query `Action`); nil: nothing to audit.
    public var eventName: String?
    public var apiVersion: String?
    /// The request as parsed, shaped when the record is rendered.
    public var request: AuditEvent.Body?
    /// The response to record as responseElements (management writes only).
    public var response: AuditEvent.Body?
    public var readOnly: Bool?
    public var category: AuditEvent.Category = .management
    public var resources: [AuditEvent.Resource] = []
    /// A denial's record error (`AccessDenied`); other failures travel on the response.
    public var errorCode: String?
    public var errorMessage: String?
    /// Authorization refused the request (the record says `AccessDenied`).
    public var denied = false
    /// Set to false for requests that are not AWS API calls (health checks, `/_warden/` reads).
    public var audited = true
    /// Whether to record the response body as responseElements.
    public var recordsResponse = false
    public var tlsDetails: AuditEvent.TLSDetails?

    public init(requestId: String, startTime: Double, request: WardenRequest) {
        self.requestId = requestId
        self.startTime = startTime
        sourceIPAddress = request.remoteAddress
        userAgent = request.header("User-Agent")
        authorization = request.header("Authorization")
        query = request.query
        bodyBytes = request.body.count
    }

    /// A denial: the request ended in the authorizer's refusal.
    public func deny(_ error: DynamoError) {
        denied = true
        errorCode = "AccessDenied"
        errorMessage = error.message
    }
}
