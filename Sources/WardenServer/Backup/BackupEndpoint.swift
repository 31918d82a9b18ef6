import AuditTrail
import AWSBackup
import DynamoModel

/// AWS Backup (REST-JSON, routed by method and path, signed for service `backup`) on the same
/// endpoint: authenticate → route → prepare (validate) → authorize through the one Authorizer
/// → run → respond. The operations themselves live in the AWSBackup module.
final class BackupEndpoint: Sendable {
    let service: BackupService
    let authenticator: Authenticator
    let authorizer: Authorizer
    let clock: WardenClock

    init(service: BackupService, authenticator: Authenticator, authorizer: Authorizer, clock: WardenClock) {
        self.service = service
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.clock = clock
    }

    func handle(_ request: WardenRequest, requestId: String, audit: RequestAudit, respond: @escaping @Sendable (WardenResponse) -> Void) {
        let fail: @Sendable (BackupError) -> Void = { respond(ErrorRendering.response(.restJSON($0), requestId: requestId)) }
        audit.eventSource = BackupService.eventSource
        audit.apiVersion = BackupService.apiVersion
        audit.category = .management
        guard let route = BackupRoutes.route(method: request.method, path: request.path) else {
            audit.audited = false
            return fail(.unknownOperation())
        }
        audit.eventName = route.operation
        audit.readOnly = BackupService.isReadOnly(route.operation)
        let caller: Caller
        switch authenticator.authenticate(request, service: "backup", now: clock.signingNow()) {
        case .success(let c): caller = c
        case .failure(let e): return respond(ErrorRendering.response(.restJSON(BackupError(e.code, e.message ?? "", httpStatus: e.httpStatus)), requestId: requestId))
        }
        audit.caller = caller
        // Scheduled rules due on the simulated clock run first: their jobs are what a List call
        // made after moving the clock should see.
        service.runDueRules { [self] _ in
            serve(request, route: route, caller: caller, requestId: requestId, audit: audit, respond: respond)
        }
    }

    private func serve(_ request: WardenRequest, route: BackupRoute, caller: Caller, requestId: String, audit: RequestAudit,
                       respond: @escaping @Sendable (WardenResponse) -> Void) {
        let fail: @Sendable (BackupError) -> Void = { respond(ErrorRendering.response(.restJSON($0), requestId: requestId)) }
        let prepared: BackupPrepared
        do {
            prepared = try service.prepare(route, query: request.query, body: request.body,
                                           caller: BackupCaller(account: caller.accountId, region: caller.region, arn: caller.arn))
        } catch {
            audit.request = .shaped(BackupService.auditRequest(route, query: request.query, body: request.body))
            return fail(error)
        }
        audit.request = .shaped(prepared.auditParameters)
        audit.resources = prepared.resources.map { AuditEvent.Resource(type: $0.type, arn: $0.arn, accountId: caller.accountId) }
        let checks = prepared.checks.map { c in
            Authorizer.Check(action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, resourcePolicy: nil,
                             keys: c.conditionKeys, contextKeys: nil)
        }
        let outcome = authorizer.decide(caller, checks, origin: Authorizer.Origin(request, region: caller.region), requestId: requestId,
                                        operation: route.operation, now: clock.now())
        if let denied = outcome.denied {
            audit.deny(.accessDenied(denied.message))
            return fail(.accessDenied(denied.message))
        }
        audit.authorized = true
        let readOnly = audit.readOnly == true
        prepared.run { result in
            switch result {
            case .success(let body):
                if !readOnly {
                    audit.recordsResponse = true
                    audit.response = .shaped(BackupService.auditResponse(body))
                }
                respond(JSONResponse.make(status: 200, body: JSONWriter.encode(body), requestId: requestId, contentType: "application/json"))
            case .failure(let error):
                fail(error)
            }
        }
    }
}
