import AuditTrail
import AWSBackup
import DynamoModel

/// AWS Backup (REST-JSON, routed by method and path, signed for service `backup`) on the same
/// endpoint: authenticate → route → prepare (validate) → authorize through the one Authorizer
/// → run → respond (`EndpointSteps`). The operations themselves live in the AWSBackup module.
final class BackupEndpoint: Sendable {
    let service: BackupService
    let steps: EndpointSteps

    init(service: BackupService, steps: EndpointSteps) {
        self.service = service
        self.steps = steps
    }

    func handle(_ request: WardenRequest, requestId: String, audit: RequestAudit, respond: @escaping @Sendable (WardenResponse) -> Void) {
        let call = steps.call(request, requestId: requestId, audit: audit, respond: respond, render: RequestFailure.restJSON)
        guard let route = BackupRoutes.route(method: request.method, path: request.path) else {
            audit.audited = false
            return call.fail(.unknownOperation())
        }
        audit.noteOperation(route.operation, source: BackupService.eventSource, apiVersion: BackupService.apiVersion,
                            readOnly: BackupService.isReadOnly(route.operation))
        guard let caller = call.authenticate(service: "backup", rendered: { .restJSON(BackupError($0.code, $0.message ?? "", httpStatus: $0.httpStatus)) }) else {
            return
        }
        // Scheduled rules due on the simulated clock run first: their jobs are what a List call
        // made after moving the clock should see.
        service.runDueRules { [self] _ in serve(call, route: route, caller: caller) }
    }

    private func serve(_ call: EndpointCall<BackupError>, route: BackupRoute, caller: Caller) {
        let request = call.request
        let prepared: BackupPrepared
        do {
            prepared = try service.prepare(route, query: request.query, body: request.body,
                                           caller: BackupCaller(account: caller.accountId, region: caller.region, arn: caller.arn))
        } catch {
            call.audit?.request = .shaped(BackupService.auditRequest(route, query: request.query, body: request.body))
            return call.fail(error)
        }
        call.audit?.request = .shaped(prepared.auditParameters)
        call.audit?.resources = prepared.resources.map { AuditEvent.Resource(type: $0.type, arn: $0.arn, accountId: caller.accountId) }
        let checks = prepared.checks.map { c in
            Authorizer.Check(action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, resourcePolicy: nil,
                             keys: c.conditionKeys, contextKeys: nil)
        }
        guard call.authorize(caller, checks, operation: route.operation, denied: BackupError.accessDenied) else { return }
        prepared.run { call.answer($0, contentType: "application/json", recorded: BackupService.auditResponse) }
    }
}
