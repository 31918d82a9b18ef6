import DynamoModel
import WardenSupport
import FoundationEssentials
import DynamoOperations
import KMS
import AWSBackup
import AppAutoScaling

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
    /// nil: no access log, and no cost for one.
    let accessLog: AccessLog?
    // [kms] KMS (AWS JSON 1.1).
    let kms: KMSEndpoint
    // [backup] AWS Backup (REST-JSON) and Application Auto Scaling (AWS JSON 1.1).
    let backup: BackupEndpoint
    let autoScaling: AutoScalingEndpoint

    init(dynamo: DynamoEndpoint, admin: AdminEndpoint, query: QueryEndpoint, tokens: WebIdentityTokenEndpoint,
         cloudTrail: CloudTrailEndpoint, audit: AuditHook, region: String, kms: KMSEndpoint, backup: BackupEndpoint,
         autoScaling: AutoScalingEndpoint, accessLog: AccessLog? = nil) {
        self.kms = kms
        self.backup = backup
        self.autoScaling = autoScaling
        self.dynamo = dynamo
        self.admin = admin
        self.query = query
        self.tokens = tokens
        self.cloudTrail = cloudTrail
        self.audit = audit
        self.region = region
        self.accessLog = accessLog
    }

    public func handle(_ request: WardenRequest, respond send: @escaping @Sendable (WardenResponse) -> Void) {
        let requestId = RequestID.make()
        var request = request
        // HTTP-level behaviour first: CORS, content codings. A plain request (no `Origin`, no
        // `Content-Encoding`, `Accept-Encoding` absent or `identity`) pays three header scans.
        let origin = request.header("Origin")
        if origin != nil, request.method == "OPTIONS" { return send(CORS.preflight(request, requestId: requestId)) }
        let acceptEncoding = request.header("Accept-Encoding").flatMap { $0 == "identity" ? nil : $0 }
        let sendResponse: @Sendable (WardenResponse) -> Void
        if origin == nil && acceptEncoding == nil {
            sendResponse = send
        } else {
            sendResponse = { response in
                var response = response
                if origin != nil { CORS.allowOrigin(&response) }
                if let acceptEncoding { ContentCoding.compress(&response, acceptEncoding: acceptEncoding) }
                send(response)
            }
        }
        if let coding = request.header("Content-Encoding"), let error = ContentCoding.decode(&request, coding: coding) {
            return sendResponse(ErrorRendering.response(.json(error), requestId: requestId))
        }
        // [audit] One audit context per request; endpoints fill it in, and it goes to the
        // trail as the response is sent. Requests no endpoint names an eventName for
        // (health checks, `/_warden/`) are not recorded.
        let audit = self.audit.begin(request, requestId: requestId)
        let hook = self.audit
        let respond: @Sendable (WardenResponse) -> Void
        if let accessLog {
            let started = AccessLog.now(), method = request.method, path = request.path
            respond = { response in
                hook.finish(audit, response: response)
                sendResponse(response)
                accessLog.record(method: method, path: path, audit: audit, response: response, requestId: requestId, started: started)
            }
        } else {
            respond = { response in
                hook.finish(audit, response: response)
                sendResponse(response)
            }
        }
        // [console] The web console's static files: no data, no signature (ConsoleRoute).
        if ConsoleRoute.accepts(request.path) { return respond(ConsoleRoute.respond(request, requestId: requestId)) }
        if request.path.hasPrefix("/_warden/") {
            // [identity] Warden-issued web identity tokens.
            if request.path == "/_warden/token" { return tokens.handle(request, requestId: requestId, respond: respond) }
            return admin.handle(request, requestId: requestId, respond: respond)
        }
        // [backup] AWS Backup's REST routes (`/backup-vaults/…`, `/backup/plans/…`, `/backup-jobs…`,
        // `/resources/`), signed for `backup`.
        if BackupRoutes.claims(request.path), request.header("X-Amz-Target") == nil {
            return backup.handle(request, requestId: requestId, audit: audit, respond: respond)
        }
        if let target = request.header("X-Amz-Target") {
            // [audit] CloudTrail (AWS JSON 1.1).
            if target.hasPrefix(CloudTrailEndpoint.targetPrefix) {
                return cloudTrail.handle(request, operation: String(target.dropFirst(CloudTrailEndpoint.targetPrefix.count)), requestId: requestId,
                                         audit: audit, respond: respond)
            }
            // [kms] KMS (AWS JSON 1.1, signed for `kms`).
            if target.hasPrefix(KMSService.targetPrefix) {
                return kms.handle(request, operation: String(target.dropFirst(KMSService.targetPrefix.count)), requestId: requestId,
                                  audit: audit, respond: respond)
            }
            // [backup] Application Auto Scaling (AWS JSON 1.1, signed for `application-autoscaling`).
            if target.hasPrefix(ScalingService.targetPrefix) {
                return autoScaling.handle(request, operation: String(target.dropFirst(ScalingService.targetPrefix.count)), requestId: requestId,
                                          audit: audit, respond: respond)
            }
            guard let contentType = Self.jsonContentType(request) else { return respond(Self.notFound(requestId: requestId)) }
            let answer = Self.answering(contentType, respond)
            if target.hasPrefix("DynamoDB_20120810.") {
                return dynamo.handle(request, operation: String(target.dropFirst("DynamoDB_20120810.".count)), requestId: requestId,
                                     audit: audit, respond: answer)
            }
            // [pitr] DynamoDB Streams: same JSON 1.0 protocol, signed for `dynamodb`, same pipeline.
            if target.hasPrefix("DynamoDBStreams_20120810.") {
                return dynamo.handle(request, operation: String(target.dropFirst("DynamoDBStreams_20120810.".count)), requestId: requestId,
                                     audit: audit, registry: OperationRegistry.streams, respond: answer)
            }
            return answer(ErrorRendering.response(.json(.unknownOperation()), requestId: requestId))
        }
        // [identity] IAM and STS: form-encoded `Action=…` requests (Query protocol); the
        // endpoint picks IAM or STS by the SigV4 credential scope's service.
        if QueryEndpoint.accepts(request) {
            return query.handle(request, requestId: requestId, audit: audit, respond: respond)
        }
        if request.method == "GET" && request.path == "/" {
            // DynamoDB's endpoint answers a plain GET with its health line.
            let body = Array("healthy: dynamodb.\(region).amazonaws.com ".utf8)
            return respond(WardenResponse(status: 200, headers: [("x-amzn-RequestId", requestId), ("Content-Type", "text/plain")], body: body))
        }
        guard let contentType = Self.jsonContentType(request) else { return respond(Self.notFound(requestId: requestId)) }
        Self.answering(contentType, respond)(ErrorRendering.response(.json(.unknownOperation()), requestId: requestId))
    }

    /// The answer to a request refused before the pipeline (its body over the limit, or the
    /// server's body budget spent): rendered as every error is, with a request id, and logged.
    public func refuse(_ method: String, _ uri: String, _ error: DynamoError) -> WardenResponse {
        let started = accessLog == nil ? 0 : AccessLog.now()
        let requestId = RequestID.make()
        let response = ErrorRendering.response(.json(error), requestId: requestId)
        if let accessLog {
            let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
            accessLog.record(method: method, path: path, audit: nil, response: response, requestId: requestId, started: started)
        }
        return response
    }

    /// The media type of a request DynamoDB's JSON endpoint takes, or nil when it answers
    /// 404: any method but POST, or a body whose `Content-Type` (before any `;`, trimmed) is
    /// neither `application/json` nor `application/x-amz-json-1.0` — `text/plain`, none at
    /// all, `application/x-amz-json-1.1`, `application/jsonasdf`. An empty body needs no
    /// type. (dynalite's `test/connection.js`, recorded against DynamoDB.)
    static func jsonContentType(_ request: WardenRequest) -> String? {
        guard request.method == "POST" else { return nil }
        let declared = request.header("Content-Type").map(mediaType)
        if declared == "application/json" { return "application/json" }
        if declared == "application/x-amz-json-1.0" || request.body.isEmpty { return "application/x-amz-json-1.0" }
        return nil
    }

    /// A `Content-Type` value before any `;`, without surrounding spaces and tabs (on bytes:
    /// Foundation's trimming cost more than the rest of routing).
    static func mediaType(_ value: String) -> Substring {
        var bytes = value.utf8[...]
        if let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")) { bytes = bytes[..<semicolon] }
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return Substring(bytes)
    }

    /// DynamoDB's answer to a request its JSON endpoint does not take.
    static func notFound(requestId: String) -> WardenResponse {
        let body = Array("<UnknownOperationException/>\n".utf8)
        var response = WardenResponse(status: 404, headers: [("x-amzn-RequestId", requestId), ("x-amz-crc32", String(CRC32.checksum(body)))],
                                      body: body)
        response.failure = .json(DynamoError(code: "UnknownOperationException", message: nil, httpStatus: 404, namespace: .coralService))
        return response
    }

    /// Answers in the request's own JSON media type: DynamoDB echoes `application/json`.
    static func answering(_ contentType: String, _ respond: @escaping @Sendable (WardenResponse) -> Void)
        -> @Sendable (WardenResponse) -> Void {
        guard contentType == "application/json" else { return respond }
        return { response in
            var response = response
            if let i = response.headers.firstIndex(where: { $0.name == "Content-Type" }) { response.headers[i].value = contentType }
            respond(response)
        }
    }
}
