import AppAutoScaling
import AuditTrail
import DynamoModel

/// Application Auto Scaling (AWS JSON 1.1, `X-Amz-Target: AnyScaleFrontendService.<Op>`,
/// signed for `application-autoscaling`) on the same endpoint: authenticate → decode →
/// prepare → authorize through the one Authorizer → run → respond (`EndpointSteps`). The
/// operations live in the AppAutoScaling module.
final class AutoScalingEndpoint: Sendable {
    static let contentType = "application/x-amz-json-1.1"

    let service: ScalingService
    let steps: EndpointSteps

    init(service: ScalingService, steps: EndpointSteps) {
        self.service = service
        self.steps = steps
    }

    func handle(_ request: WardenRequest, operation name: String, requestId: String, audit: RequestAudit,
                respond: @escaping @Sendable (WardenResponse) -> Void) {
        let call = steps.call(request, requestId: requestId, audit: audit, respond: respond, render: RequestFailure.scaling)
        audit.noteOperation(name, source: ScalingService.eventSource, apiVersion: ScalingService.apiVersion, readOnly: ScalingService.isReadOnly(name))
        guard ScalingService.isOperation(name) else {
            audit.audited = false
            return call.fail(.unknownOperation())
        }
        guard let caller = call.authenticate(service: "application-autoscaling", rendered: { .json($0, contentType: Self.contentType) }) else { return }
        guard let body = call.jsonBody else { return call.fail(.serialization()) }
        let prepared: ScalingPrepared
        do {
            prepared = try service.prepare(name, body: body, caller: ScalingCaller(account: caller.accountId, region: caller.region, arn: caller.arn))
        } catch {
            audit.request = .shaped(ScalingService.auditRequest(body))
            return call.fail(error)
        }
        audit.request = .shaped(prepared.auditParameters)
        let checks = prepared.checks.map { c in
            Authorizer.Check(action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, resourcePolicy: nil, keys: [:], contextKeys: nil)
        }
        guard call.authorize(caller, checks, operation: name, denied: { ScalingError("AccessDeniedException", $0) }) else { return }
        prepared.run { call.answer($0, contentType: Self.contentType, recorded: ScalingService.auditResponse) }
    }
}
