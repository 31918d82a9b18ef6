import DynamoModel
import DynamoOperations

/// Routes each request by protocol to its endpoint. Every response carries a request id.
public final class Pipeline: Sendable {
    let dynamo: DynamoEndpoint
    let admin: AdminEndpoint
    // [identity] IAM and STS (Query protocol) and the web identity token endpoint.
    let query: QueryEndpoint
    let tokens: WebIdentityTokenEndpoint
    // [audit] The CloudTrail API, and the hook that records every request.
    let cloudTrail: CloudTrailEndpoint
    let audit: AuditHook
    let region: String

    init(dynamo: DynamoEndpoint, admin: AdminEndpoint, query: QueryEndpoint, tokens: WebIdentityTokenEndpoint,
         cloudTrail: CloudTrailEndpoint, audit: AuditHook, region: String) {
        self.dynamo = dynamo
        self.admin = admin
        self.query = query
        self.tokens = tokens
        self.cloudTrail = cloudTrail
        self.audit = audit
        self.region = region
    }

    public func handle(_ request: WardenRequest, respond sendResponse: @escaping @Sendable (WardenResponse) -> Void) {
        let requestId = RequestID.make()
        // [audit] One audit context per request; endpoints fill it in, and it goes to the
        // trail as the response is sent. Requests no endpoint names an eventName for
        // (health checks, `/_warden/`) are not recorded.
        let audit = self.audit.begin(request, requestId: requestId)
        let hook = self.audit
        let respond: @Sendable (WardenResponse) -> Void = { response in
            hook.finish(audit, response: response)
            sendResponse(response)
        }
        if request.path.hasPrefix("/_warden/") {
            // [identity] Warden-issued web identity tokens.
            if request.path == "/_warden/token" { return tokens.handle(request, requestId: requestId, respond: respond) }
            return admin.handle(request, requestId: requestId, respond: respond)
        }
        if let target = request.header("X-Amz-Target") {
            if target.hasPrefix("DynamoDB_20120810.") {
                return dynamo.handle(request, operation: String(target.dropFirst("DynamoDB_20120810.".count)), requestId: requestId,
                                     audit: audit, respond: respond)
            }
            // [audit] CloudTrail (AWS JSON 1.1).
            if target.hasPrefix(CloudTrailEndpoint.targetPrefix) {
                return cloudTrail.handle(request, operation: String(target.dropFirst(CloudTrailEndpoint.targetPrefix.count)), requestId: requestId,
                                         audit: audit, respond: respond)
            }
            // [pitr] DynamoDB Streams: same JSON 1.0 protocol, signed for `dynamodb`, same pipeline.
            if target.hasPrefix("DynamoDBStreams_20120810.") {
                return dynamo.handle(request, operation: String(target.dropFirst("DynamoDBStreams_20120810.".count)), requestId: requestId,
                                     audit: audit, registry: OperationRegistry.streams, respond: respond)
            }
            return respond(ErrorRendering.json(.unknownOperation(), requestId: requestId))
        }
        // [identity] IAM and STS: form-encoded `Action=…` requests (Query protocol); the
        // endpoint picks IAM or STS by the SigV4 credential scope's service.
        if QueryEndpoint.accepts(request) {
            audit.noteQueryRequest(request)  // [audit]
            return query.handle(request, requestId: requestId, respond: respond)
        }
        if request.method == "GET" && request.path == "/" {
            // DynamoDB's endpoint answers a plain GET with its health line.
            let body = Array("healthy: dynamodb.\(region).amazonaws.com ".utf8)
            return respond(WardenResponse(status: 200, headers: [("x-amzn-RequestId", requestId), ("Content-Type", "text/plain")], body: body))
        }
        respond(ErrorRendering.json(.unknownOperation(), requestId: requestId))
    }
}
