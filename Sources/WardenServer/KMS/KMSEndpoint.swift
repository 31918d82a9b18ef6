import AuditTrail
import DynamoModel
import KMS

/// KMS (AWS JSON 1.1, `X-Amz-Target: TrentService.<Op>`, signed for service `kms`) on the
/// same endpoint: authenticate → decode → prepare (validate, resolve the key) → authorize
/// (key policy first, through the one Authorizer) → run → persist → respond. The operations
/// themselves live in the KMS module.
final class KMSEndpoint: Sendable {
    static let contentType = "application/x-amz-json-1.1"

    let service: KMSService
    let authenticator: Authenticator
    let authorizer: Authorizer
    let clock: WardenClock

    init(service: KMSService, authenticator: Authenticator, authorizer: Authorizer, clock: WardenClock) {
        self.service = service
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.clock = clock
    }

    func handle(_ request: WardenRequest, operation name: String, requestId: String, audit: RequestAudit,
                respond: @escaping @Sendable (WardenResponse) -> Void) {
        let fail: @Sendable (KMSError) -> Void = { respond(ErrorRendering.response(.kms($0), requestId: requestId)) }
        audit.eventName = name
        audit.eventSource = KMSService.eventSource
        audit.apiVersion = "2014-11-01"
        audit.category = .management
        audit.readOnly = KMSService.isReadOnly(name)
        guard KMSService.isOperation(name) else {
            audit.audited = false
            return fail(.unknownOperation())
        }
        let caller: Caller
        switch authenticator.authenticate(request, service: "kms", now: clock.signingNow()) {
        case .success(let c): caller = c
        case .failure(let e): return respond(ErrorRendering.response(.json(e, contentType: Self.contentType), requestId: requestId))
        }
        audit.caller = caller
        guard let body = try? JSONParser.parse(request.body.isEmpty ? Array("{}".utf8) : request.body) else {
            return fail(.serialization())
        }
        let kmsCaller = KMSCaller(account: caller.accountId, region: caller.region, arn: caller.arn, roleArn: caller.roleArn)
        let prepared: KMSPrepared
        do {
            prepared = try service.prepare(name, body: body, caller: kmsCaller)
        } catch {
            audit.request = .shaped(KMSService.auditRequest(name, body))
            return fail(error)
        }
        audit.request = .shaped(prepared.auditParameters)
        audit.resources = prepared.keyArns.map { arn in
            AuditEvent.Resource(type: "AWS::KMS::Key", arn: arn, accountId: arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? caller.accountId)
        }
        let origin = Authorizer.Origin(request, region: caller.region)
        let outcome = authorizer.decide(caller, prepared.checks.map(Authorizer.Check.init(kms:)), origin: origin, requestId: requestId,
                                        operation: name, now: clock.now())
        if let denied = outcome.denied {
            audit.deny(.accessDenied(denied.message))
            return respond(ErrorRendering.response(.kms(KMSError("AccessDeniedException", denied.message)), requestId: requestId))
        }
        if let policy = prepared.lockoutPolicy, !authorizer.keyPolicyLetsCallerUpdate(caller, policy: policy, origin: origin, now: clock.now()) {
            return fail(.malformedPolicy(KMSService.lockoutMessage))
        }
        let result: KMSResult
        do {
            result = try prepared.run()
        } catch {
            return fail(error)
        }
        if audit.readOnly == false {
            audit.recordsResponse = true
            audit.response = .shaped(KMSService.auditResponse(result.body))
        }
        service.persist(result) { stored in
            switch stored {
            case .success:
                respond(JSONResponse.make(status: 200, body: JSONWriter.encode(result.body), requestId: requestId, contentType: Self.contentType))
            case .failure(let error):
                fail(.internalFailure("\(error)"))
            }
        }
    }
}
