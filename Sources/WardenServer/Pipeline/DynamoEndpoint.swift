import AccessPolicy
import DynamoModel
import DynamoOperations

/// The DynamoDB JSON 1.0 endpoint: authenticate → decode → authorize → execute → respond.
final class DynamoEndpoint: Sendable {
    let service: DynamoService
    let authenticator: Authenticator
    let authorizer: Authorizer
    let clock: WardenClock

    init(service: DynamoService, authenticator: Authenticator, authorizer: Authorizer, clock: WardenClock) {
        self.service = service
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.clock = clock
    }

    func handle(_ request: WardenRequest, operation name: String, requestId: String, audit: RequestAudit,
                registry: [String: any DynamoOperation.Type] = OperationRegistry.dynamo,  // [pitr] or the Streams API's
                respond: @escaping @Sendable (WardenResponse) -> Void) {
        // The error travels as a value: to its renderer, and on the response to the audit record.
        let fail: @Sendable (DynamoError) -> Void = { error in respond(ErrorRendering.response(.json(error), requestId: requestId)) }
        audit.noteDynamoOperation(name, known: registry[name] != nil)  // [audit]
        let caller: Caller
        switch authenticator.authenticate(request, service: "dynamodb", now: clock.signingNow()) {
        case .success(let c): caller = c
        case .failure(let e): return fail(e)
        }
        audit.caller = caller  // [audit]
        guard let type = registry[name] else { return fail(.unknownOperation()) }
        let json: JSONValue
        do {
            json = try JSONParser.parse(request.body)
        } catch {
            return fail(.serialization(nil))
        }
        audit.noteDynamoRequest(json, readOnly: type.readOnly)  // [audit]
        let now = clock.now()
        let origin = Authorizer.Origin(request, region: caller.region)
        var env = RequestEnvironment(requestId: requestId, accountId: caller.accountId, region: caller.region,
                                     callerArn: caller.arn, now: now, principal: authorizer.principal(caller),
                                     globalKeys: { Authorizer.globalKeys(origin, now: now) })
        let operation: any DynamoOperation
        do {
            operation = try type.init(params: Params(json), env: env)
        } catch {
            return fail(error)
        }
        let authorization = operation.authorization(service: service, env: env)
        audit.noteResources(authorization.checks.map { ($0.resource, $0.resourceAccount) })  // [audit]
        if authorization.independent {
            env.deniedChecks = authorizer.authorizeEach(caller, authorization, origin: origin, requestId: requestId, operation: name, now: now)
        } else if let denial = authorizer.authorize(caller, authorization, origin: origin, requestId: requestId, operation: name, now: now) {
            audit.deny(denial)  // [audit]
            return fail(denial)
        }
        audit.authorized = true
        operation.execute(service: service, env: env) { result in
            switch result {
            case .success(let body): respond(JSONResponse.make(status: 200, body: body, requestId: requestId))
            case .failure(let error): fail(error)
            }
        }
    }
}
