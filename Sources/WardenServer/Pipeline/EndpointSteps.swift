import DynamoModel

/// What every signed endpoint beside DynamoDB's (KMS, AWS Backup, Application Auto Scaling,
/// CloudTrail, the Warden-only `/_warden/` endpoints) does around its own decoding and
/// preparation: authenticate → authorize through the one Authorizer → run → answer. Each step
/// is noted in the request's audit (when it has one); every failure is rendered in the one
/// place, in the endpoint's protocol.
struct EndpointSteps: Sendable {
    let authenticator: Authenticator
    let authorizer: Authorizer
    let clock: WardenClock

    /// One request through these steps; its service's errors are rendered by `render`.
    func call<Failure: Error>(_ request: WardenRequest, requestId: String, audit: RequestAudit?,
                              respond: @escaping @Sendable (WardenResponse) -> Void,
                              render: @escaping @Sendable (Failure) -> RequestFailure) -> EndpointCall<Failure> {
        EndpointCall(steps: self, request: request, requestId: requestId, audit: audit, respond: respond, render: render)
    }

    /// A request to a Warden-only endpoint (`/_warden/`): no audit record, plain JSON errors.
    func wardenCall(_ request: WardenRequest, requestId: String, respond: @escaping @Sendable (WardenResponse) -> Void) -> EndpointCall<DynamoError> {
        call(request, requestId: requestId, audit: nil, respond: respond, render: { .json($0, contentType: "application/json") })
    }
}

/// One request on its way through `EndpointSteps`: where its answer goes and how its
/// service's errors render.
struct EndpointCall<Failure: Error>: Sendable {
    let steps: EndpointSteps
    let request: WardenRequest
    let requestId: String
    let audit: RequestAudit?
    let respond: @Sendable (WardenResponse) -> Void
    let render: @Sendable (Failure) -> RequestFailure

    func fail(_ error: Failure) { respond(ErrorRendering.response(render(error), requestId: requestId)) }

    /// Who signed the request for `service` (noted in the audit); nil once the authentication
    /// failure, rendered by `rendered`, has been answered.
    func authenticate(service: String, rendered: (DynamoError) -> RequestFailure) -> Caller? {
        switch steps.authenticator.authenticate(request, service: service, now: steps.clock.signingNow()) {
        case .success(let caller):
            audit?.caller = caller
            return caller
        case .failure(let error):
            respond(ErrorRendering.response(rendered(error), requestId: requestId))
            return nil
        }
    }

    /// The body as JSON (an empty body reads as `{}`); nil when it does not parse.
    var jsonBody: JSONValue? { try? JSONParser.parse(request.body.isEmpty ? Array("{}".utf8) : request.body) }

    /// Whether every check is allowed (the decisions go to the decision log). A denial is noted
    /// in the audit and answered with `denied(message)`.
    func authorize(_ caller: Caller, _ checks: [Authorizer.Check], operation: String, denied: (String) -> Failure) -> Bool {
        let outcome = steps.authorizer.decide(caller, checks, origin: Authorizer.Origin(request, region: caller.region), requestId: requestId,
                                              operation: operation, now: steps.clock.now())
        if let refusal = outcome.denied {
            audit?.deny(.accessDenied(refusal.message))
            fail(denied(refusal.message))
            return false
        }
        audit?.authorized = true
        return true
    }

    /// Answers a run's result: 200 and the body (a write's body is also the audit's
    /// responseElements, shaped by `recorded`), or the failure.
    func answer(_ result: Result<JSONValue, Failure>, contentType: String, recorded: (JSONValue) -> JSONValue) {
        switch result {
        case .success(let body):
            if let audit, audit.readOnly == false {
                audit.recordsResponse = true
                audit.response = .shaped(recorded(body))
            }
            respond(JSONResponse.make(status: 200, body: JSONWriter.encode(body), requestId: requestId, contentType: contentType))
        case .failure(let error):
            fail(error)
        }
    }
}

extension EndpointCall where Failure == DynamoError {
    /// Whether the caller may call the Warden-only endpoint `name` (`warden:<name>`,
    /// `Authorizer.wardenCheck`); a denial is answered as AccessDeniedException.
    func authorizeWarden(_ caller: Caller, name: String) -> Bool {
        authorize(caller, [Authorizer.wardenCheck(caller, name: name)], operation: name, denied: DynamoError.accessDenied)
    }
}
