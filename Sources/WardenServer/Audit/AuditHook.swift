import AuditTrail
import DynamoModel
import DynamoOperations
import Identity

/// Turns a finished request into an audit event for the trail. Runs on the request's thread
/// when the response is sent, so it only gathers: rendering and delivery happen on the audit
/// writer.
public struct AuditHook: Sendable {
    public let trail: AuditTrail?
    let account: String
    let region: String
    let clock: WardenClock
    /// STS sessions, for the session context of temporary credentials.
    let directory: IdentityDirectory?

    init(trail: AuditTrail?, account: String, region: String, clock: WardenClock, directory: IdentityDirectory? = nil) {
        self.trail = trail
        self.account = account
        self.region = region
        self.clock = clock
        self.directory = directory
    }

    func begin(_ request: WardenRequest, requestId: String) -> RequestAudit {
        RequestAudit(requestId: requestId, startTime: clock.now(), request: request)
    }

    /// Requests (or recorded responses) larger than this are reduced to what their record
    /// shows before their event is queued, so the queue never holds a large body.
    static let compactAboveBytes = 64 << 10

    /// Called once per request with the response about to be sent.
    func finish(_ audit: RequestAudit, response: WardenResponse) {
        guard let trail, audit.audited, let eventName = audit.eventName else { return }
        var e = event(audit, eventName: eventName, response: response)
        var bytes = audit.bodyBytes + (e.response == nil ? 0 : response.body.count) + 1024
        if bytes > Self.compactAboveBytes {
            e = trail.renderer.compacted(e)
            bytes = e.approximateBytes
        }
        trail.submit(e, bytes: bytes)
    }

    func event(_ audit: RequestAudit, eventName: String, response: WardenResponse) -> AuditEvent {
        // A denial noted by the authorizer, else the error the response was rendered from.
        let errorCode = audit.errorCode ?? response.failure?.code
        let errorMessage = audit.errorCode != nil ? audit.errorMessage : response.failure?.recordedMessage
        let identity: UserIdentity
        let accountId: String
        let caller = resolveCaller(audit, errorCode: errorCode)
        if let caller {
            identity = caller.auditIdentity(session: caller.principal.sessionAccessKeyId.flatMap { directory?.session($0) })
            accountId = caller.accountId
        } else {
            // Authentication failed: the key is all that is known.
            identity = UserIdentity(type: .unknown, accessKeyId: audit.credentialAccessKeyId)
            accountId = account
        }
        let eventRegion = caller?.region ?? audit.credentialRegion ?? region
        // IAM and STS answer a policy denial with `AccessDenied` themselves.
        let denied = audit.denied || (errorCode == "AccessDenied" && audit.eventSource != DynamoEventCatalog.eventSource)
        var resources = audit.resources
        if resources.isEmpty, case .dynamo(let request)? = audit.request {
            resources = Self.tables(in: request).map { name in
                .init(type: DynamoEventCatalog.tableResourceType,
                      arn: name.hasPrefix("arn:") ? name : "arn:aws:dynamodb:\(eventRegion):\(accountId):table/\(name)", accountId: accountId)
            }
        }
        var extra: [(String, JSONValue)] = []
        if denied { extra.append(("wardenDecisionTrace", .string("/_warden/explain/\(audit.requestId)"))) }
        let succeeded = errorCode == nil && response.status < 400
        return AuditEvent(
            eventTime: audit.startTime, eventSource: audit.eventSource, eventName: eventName, awsRegion: eventRegion,
            sourceIPAddress: audit.sourceIPAddress, userAgent: audit.userAgent, userIdentity: identity, request: audit.request,
            response: succeeded && audit.recordsResponse ? (audit.response ?? .dynamoBytes(response.body)) : nil,
            errorCode: denied ? nil : errorCode, errorMessage: errorMessage, denied: denied, requestID: audit.requestId,
            eventID: "", readOnly: audit.readOnly ?? DynamoEventCatalog.isReadOnly(eventName), resources: resources,
            category: audit.category, recipientAccountId: accountId, apiVersion: audit.apiVersion, tlsDetails: audit.tlsDetails,
            additionalEventData: extra)
    }

    /// Tables a DynamoDB request names (for records of requests refused before their
    /// operation could say which resources it touches).
    static func tables(in request: JSONValue) -> [String] {
        var names: [String] = []
        if let name = request["TableName"]?.stringValue { names.append(name) }
        if let arn = request["ResourceArn"]?.stringValue, arn.containsUTF8(":table/") { names.append(tableArn(arn)) }
        for (name, _) in request["RequestItems"]?.objectValue ?? [] { names.append(name) }
        for entry in request["TransactItems"]?.arrayValue ?? [] {
            for (_, spec) in entry.objectValue ?? [] { if let n = spec["TableName"]?.stringValue { names.append(n) } }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// A table's ARN from any ARN below it (index, stream).
    static func tableArn(_ arn: String) -> String {
        guard let range = arn.utf8Range(of: ":table/") else { return arn }
        let rest = arn[range.upperBound...]
        let name = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? String(rest)
        return String(arn[..<range.upperBound]) + name
    }
}

extension RequestAudit {
    /// Records a DynamoDB operation's resources from its authorization checks: tables (for
    /// their indexes too), and streams as `AWS::DynamoDB::Stream`.
    func noteResources(_ checks: [(resource: String, account: String)]) {
        var seen = Set<String>()
        resources = checks.compactMap { check in
            guard check.resource.containsUTF8(":table/") else { return nil }
            let stream = check.resource.containsUTF8("/stream/")
            let arn = stream ? check.resource : AuditHook.tableArn(check.resource)
            guard seen.insert(arn).inserted else { return nil }
            return .init(type: stream ? DynamoEventCatalog.streamResourceType : DynamoEventCatalog.tableResourceType, arn: arn,
                         accountId: check.account)
        }
    }
}

extension RequestAudit {
    /// A DynamoDB call: its name, source and category (data events for item operations).
    func noteDynamoOperation(_ name: String, known: Bool) {
        eventName = name
        audited = known  // unknown operations are no API call
        eventSource = DynamoEventCatalog.eventSource
        apiVersion = DynamoEventCatalog.apiVersion
        category = DynamoEventCatalog.isDataEvent(name) ? .data : .management
    }

    /// Another service's API call (KMS, AWS Backup, Application Auto Scaling, CloudTrail): its
    /// name, source and version, a management event, read-only or not.
    func noteOperation(_ name: String, source: String, apiVersion: String, readOnly: Bool) {
        eventName = name
        eventSource = source
        self.apiVersion = apiVersion
        category = .management
        self.readOnly = readOnly
    }

    /// The parsed DynamoDB request; management writes also record their response.
    func noteDynamoRequest(_ json: JSONValue, readOnly: Bool) {
        request = .dynamo(json)
        self.readOnly = readOnly
        recordsResponse = category == .management && !readOnly
    }
}
