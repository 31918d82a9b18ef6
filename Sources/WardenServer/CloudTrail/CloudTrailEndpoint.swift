import AuditTrail
import DynamoModel
import DynamoOperations
import Logging

/// The CloudTrail API (AWS JSON 1.1, `X-Amz-Target: com.amazonaws.cloudtrail.v20131101.
/// CloudTrail_20131101.<Op>`, signed for service `cloudtrail`) on the same endpoint:
/// authenticate → decode → authorize → run against the audit trail's registry → respond.
final class CloudTrailEndpoint: Sendable {
    static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
    static let eventSource = "cloudtrail.amazonaws.com"
    static let contentType = "application/x-amz-json-1.1"

    typealias Operation = @Sendable (AuditTrail, JSONValue, Caller, @escaping TrailRegistry.Completion) -> Void

    static let operations: [String: Operation] = [
        "CreateTrail": { t, p, c, done in t.trails.createTrail(p, account: c.accountId, region: c.region, completion: done) },
        "UpdateTrail": { t, p, c, done in t.trails.updateTrail(p, account: c.accountId, region: c.region, completion: done) },
        "GetTrail": { t, p, c, done in t.trails.getTrail(p, account: c.accountId, region: c.region, completion: done) },
        "DescribeTrails": { t, p, c, done in t.trails.describeTrails(p, account: c.accountId, region: c.region, completion: done) },
        "ListTrails": { t, _, c, done in t.trails.listTrails(account: c.accountId, completion: done) },
        "DeleteTrail": { t, p, c, done in t.trails.deleteTrail(p, account: c.accountId, region: c.region, completion: done) },
        "StartLogging": { t, p, c, done in t.trails.startLogging(p, account: c.accountId, region: c.region, completion: done) },
        "StopLogging": { t, p, c, done in t.trails.stopLogging(p, account: c.accountId, region: c.region, completion: done) },
        "GetTrailStatus": { t, p, c, done in t.trails.getTrailStatus(p, account: c.accountId, region: c.region, completion: done) },
        "PutEventSelectors": { t, p, c, done in t.trails.putEventSelectors(p, account: c.accountId, region: c.region, completion: done) },
        "GetEventSelectors": { t, p, c, done in t.trails.getEventSelectors(p, account: c.accountId, region: c.region, completion: done) },
        "LookupEvents": { t, p, c, done in
            done(Result { () throws(CloudTrailError) in try t.lookupEvents(p, account: c.accountId, region: c.region) })
        },
        "ListPublicKeys": { t, _, _, done in
            let publicKey: (fingerprint: String, der: [UInt8])
            do {
                publicKey = try t.publicKey()
            } catch {
                Warden.log.error("the digest signing key cannot be read or created", metadata: ["error": .string(String(describing: error))])
                return done(.failure(.internalFailure("The digest signing key cannot be read or created.")))
            }
            let key: JSONValue = [
                "Value": .string(Base64.encode(publicKey.der)), "Fingerprint": .string(publicKey.fingerprint),
                "ValidityStartTime": 0, "ValidityEndTime": .timestamp(4_102_444_800),
            ]
            done(.success(["PublicKeyList": [key]]))
        },
    ]

    let trail: AuditTrail
    let authenticator: Authenticator
    let authorizer: Authorizer
    let clock: WardenClock

    init(trail: AuditTrail, authenticator: Authenticator, authorizer: Authorizer, clock: WardenClock) {
        self.trail = trail
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.clock = clock
    }

    func handle(_ request: WardenRequest, operation name: String, requestId: String, audit: RequestAudit,
                respond: @escaping @Sendable (WardenResponse) -> Void) {
        let fail: @Sendable (DynamoError) -> Void = { respond(ErrorRendering.response(.json($0, contentType: Self.contentType), requestId: requestId)) }
        audit.eventName = name
        audit.eventSource = Self.eventSource
        audit.apiVersion = "2013-11-01"
        audit.category = .management
        audit.readOnly = DynamoEventCatalog.isReadOnly(name)
        guard let operation = Self.operations[name] else {
            audit.audited = false
            return fail(.unknownOperation())
        }
        let caller: Caller
        switch authenticator.authenticate(request, service: "cloudtrail", now: clock.signingNow()) {
        case .success(let c): caller = c
        case .failure(let e): return fail(e)
        }
        audit.caller = caller
        let params: JSONValue
        do {
            params = try JSONParser.parse(request.body.isEmpty ? Array("{}".utf8) : request.body)
        } catch {
            return fail(.serialization(nil))
        }
        audit.request = .dynamo(params)
        audit.recordsResponse = audit.readOnly == false
        let trailName = params["Name"]?.stringValue ?? params["TrailName"]?.stringValue
        let resource = trailName.map { $0.hasPrefix("arn:") ? $0 : "arn:aws:cloudtrail:\(caller.region):\(caller.accountId):trail/\($0)" } ?? "*"
        let check = AuthorizationCheck(action: "cloudtrail:\(name)", resource: resource, resourceAccount: caller.accountId)
        let origin = Authorizer.Origin(request, region: caller.region)
        if let denial = authorizer.authorize(caller, AuthorizationRequest([check]), origin: origin, requestId: requestId, operation: name,
                                             now: clock.now()) {
            audit.deny(denial)
            return respond(ErrorRendering.response(.cloudTrail(CloudTrailError("AccessDeniedException", denial.message ?? "Access denied")),
                                                  requestId: requestId))
        }
        audit.authorized = true
        operation(trail, params, caller) { result in
            switch result {
            case .success(let body):
                respond(JSONResponse.make(status: 200, body: JSONWriter.encode(body), requestId: requestId, contentType: Self.contentType))
            case .failure(let error):
                respond(ErrorRendering.response(.cloudTrail(error), requestId: requestId))
            }
        }
    }
}
