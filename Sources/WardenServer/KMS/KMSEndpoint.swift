import AuditTrail
import DynamoModel
import KMS

/// KMS (AWS JSON 1.1, `X-Amz-Target: TrentService.<Op>`, signed for service `kms`) on the
/// same endpoint: authenticate → decode → prepare (validate, resolve the key) → authorize
/// (key policy first, through the one Authorizer) → run → persist → respond (`EndpointSteps`).
/// The operations themselves live in the KMS module.
final class KMSEndpoint: Sendable {
    static let contentType = "application/x-amz-json-1.1"

    let service: KMSService
    let steps: EndpointSteps

    init(service: KMSService, steps: EndpointSteps) {
        self.service = service
        self.steps = steps
    }

    func handle(_ request: WardenRequest, operation name: String, requestId: String, audit: RequestAudit,
                respond: @escaping @Sendable (WardenResponse) -> Void) {
        let call = steps.call(request, requestId: requestId, audit: audit, respond: respond, render: RequestFailure.kms)
        audit.noteOperation(name, source: KMSService.eventSource, apiVersion: "2014-11-01", readOnly: KMSService.isReadOnly(name))
        guard KMSService.isOperation(name) else {
            audit.audited = false
            return call.fail(.unknownOperation())
        }
        guard let caller = call.authenticate(service: "kms", rendered: { .json($0, contentType: Self.contentType) }) else { return }
        guard let body = call.jsonBody else { return call.fail(.serialization()) }
        let kmsCaller = KMSCaller(account: caller.accountId, region: caller.region, arn: caller.arn, roleArn: caller.roleArn)
        let prepared: KMSPrepared
        do {
            prepared = try service.prepare(name, body: body, caller: kmsCaller)
        } catch {
            audit.request = .shaped(KMSService.auditRequest(name, body))
            return call.fail(error)
        }
        audit.request = .shaped(prepared.auditParameters)
        audit.resources = prepared.keyArns.map { arn in
            AuditEvent.Resource(type: "AWS::KMS::Key", arn: arn, accountId: arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? caller.accountId)
        }
        guard call.authorize(caller, prepared.checks.map(Authorizer.Check.init(kms:)), operation: name,
                             denied: { KMSError("AccessDeniedException", $0) }) else { return }
        if let policy = prepared.lockoutPolicy,
           !steps.authorizer.keyPolicyLetsCallerUpdate(caller, policy: policy, origin: Authorizer.Origin(request, region: caller.region), now: steps.clock.now()) {
            return call.fail(.malformedPolicy(KMSService.lockoutMessage))
        }
        let result: KMSResult
        do {
            result = try prepared.run()
        } catch {
            return call.fail(error)
        }
        service.persist(result) { call.answer($0, contentType: Self.contentType, recorded: KMSService.auditResponse) }
    }
}
