import DynamoModel
import DynamoOperations

/// Routes each request by protocol to its endpoint. Every response carries a request id.
public final class Pipeline: Sendable {
    let dynamo: DynamoEndpoint
    let admin: AdminEndpoint
    // [identity] IAM and STS (Query protocol) and the web identity token endpoint.
    let query: QueryEndpoint
    let tokens: WebIdentityTokenEndpoint
    let region: String

    init(dynamo: DynamoEndpoint, admin: AdminEndpoint, query: QueryEndpoint, tokens: WebIdentityTokenEndpoint, region: String) {
        self.dynamo = dynamo
        self.admin = admin
        self.query = query
        self.tokens = tokens
        self.region = region
    }

    public func handle(_ request: WardenRequest, respond: @escaping @Sendable (WardenResponse) -> Void) {
        let requestId = RequestID.make()
        if request.path.hasPrefix("/_warden/") {
            // [identity] Warden-issued web identity tokens.
            if request.path == "/_warden/token" { return tokens.handle(request, requestId: requestId, respond: respond) }
            return admin.handle(request, requestId: requestId, respond: respond)
        }
        if let target = request.header("X-Amz-Target") {
            if target.hasPrefix("DynamoDB_20120810.") {
                return dynamo.handle(request, operation: String(target.dropFirst("DynamoDB_20120810.".count)), requestId: requestId, respond: respond)
            }
            // [pitr] DynamoDB Streams: same JSON 1.0 protocol, signed for `dynamodb`, same pipeline.
            if target.hasPrefix("DynamoDBStreams_20120810.") {
                return dynamo.handle(request, operation: String(target.dropFirst("DynamoDBStreams_20120810.".count)), requestId: requestId,
                                     registry: OperationRegistry.streams, respond: respond)
            }
            return respond(ErrorRendering.json(.unknownOperation(), requestId: requestId))
        }
        // [identity] IAM and STS: form-encoded `Action=…` requests (Query protocol); the
        // endpoint picks IAM or STS by the SigV4 credential scope's service.
        if QueryEndpoint.accepts(request) {
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
