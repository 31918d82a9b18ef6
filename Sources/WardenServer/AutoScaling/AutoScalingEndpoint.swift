import AppAutoScaling
import AuditTrail
import DynamoModel

/// Application Auto Scaling (AWS JSON 1.1, `X-Amz-Target: AnyScaleFrontendService.<Op>`,
/// signed for `application-autoscaling`) on the same endpoint: authenticate → decode →
/// prepare → authorize through the one Authorizer → run → respond. The operations live in the
/// AppAutoScaling module.
final class AutoScalingEndpoint: Sendable {
    static let contentType = "application/x-amz-json-1.1"

    let service: ScalingService
    let authenticator: Authenticator
    let authorizer: Authorizer
    let clock: WardenClock

    init(service: ScalingService, authenticator: Authenticator, authorizer: Authorizer, clock: WardenClock) {
        self.service = service
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.clock = clock
    }

    func handle(_ request: WardenRequest, operation name: String, requestId: String, audit: RequestAudit,
                respond: @escaping @Sendable (WardenResponse) -> Void) {
        let fail: @Sendable (ScalingError) -> Void = { respond(ErrorRendering.response(.scaling($0), requestId: requestId)) }
        audit.eventName = name
        audit.eventSource = ScalingService.eventSource
        audit.apiVersion = ScalingService.apiVersion
        audit.category = .management
        audit.readOnly = ScalingService.isReadOnly(name)
        guard ScalingService.isOperation(name) else {
            audit.audited = false
            return fail(.unknownOperation())
        }
        let caller: Caller
        switch authenticator.authenticate(request, service: "application-autoscaling", now: clock.signingNow()) {
        case .success(let c): caller = c
        case .failure(let e): return respond(ErrorRendering.response(.json(e, contentType: Self.contentType), requestId: requestId))
        }
        audit.caller = caller
        guard let body = try? JSONParser.parse(request.body.isEmpty ? Array("{}".utf8) : request.body) else { return fail(.serialization()) }
        let prepared: ScalingPrepared
        do {
            prepared = try service.prepare(name, body: body, caller: ScalingCaller(account: caller.accountId, region: caller.region, arn: caller.arn))
        } catch {
            audit.request = .shaped(ScalingService.auditRequest(body))
            return fail(error)
        }
        audit.request = .shaped(prepared.auditParameters)
        let checks = prepared.checks.map { c in
            Authorizer.Check(action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, resourcePolicy: nil, keys: [:], contextKeys: nil)
        }
        let outcome = authorizer.decide(caller, checks, origin: Authorizer.Origin(request, region: caller.region), requestId: requestId,
                                        operation: name, now: clock.now())
        if let denied = outcome.denied {
            audit.deny(.accessDenied(denied.message))
            return fail(ScalingError("AccessDeniedException", denied.message))
        }
        audit.authorized = true
        let readOnly = audit.readOnly == true
        prepared.run { result in
            switch result {
            case .success(let body):
                if !readOnly {
                    audit.recordsResponse = true
                    audit.response = .shaped(ScalingService.auditResponse(body))
                }
                respond(JSONResponse.make(status: 200, body: JSONWriter.encode(body), requestId: requestId, contentType: Self.contentType))
            case .failure(let error):
                fail(error)
            }
        }
    }
}
