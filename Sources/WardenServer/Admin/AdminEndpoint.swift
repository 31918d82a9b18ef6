import AuditTrail
import DynamoModel
import DynamoOperations
import DynamoStorage

/// Warden-only endpoints under `/_warden/`, authorized as an account root (signed requests
/// only, never open to whoever reaches the port).
final class AdminEndpoint: Sendable {
    let steps: EndpointSteps
    var clock: WardenClock { steps.clock }
    let store: Store
    let decisions: DecisionLog
    /// [audit] Recent records for `GET /_warden/audit`.
    let auditTrail: AuditTrail?
    /// [console] The DynamoDB operations, whose authorization requests the playground derives.
    let service: DynamoService?

    /// 9999-12-31T23:59:59Z, the latest time the simulated clock may reach.
    static let latestTime: Double = 253_402_300_799

    init(steps: EndpointSteps, store: Store, decisions: DecisionLog, auditTrail: AuditTrail? = nil, service: DynamoService? = nil) {
        self.service = service
        self.steps = steps
        self.store = store
        self.decisions = decisions
        self.auditTrail = auditTrail
    }

    func handle(_ request: WardenRequest, requestId: String, respond: @escaping @Sendable (WardenResponse) -> Void) {
        let call = steps.wardenCall(request, requestId: requestId, respond: respond)
        let fail = call.fail
        guard let caller = call.authenticate(service: "dynamodb", rendered: call.render) else { return }
        // [console] The policy playground is authorized as IAM's SimulateCustomPolicy, whose job it does.
        if request.path == PlaygroundRoute.path, request.method == "POST", let service {
            let check = Authorizer.Check(action: "iam:SimulateCustomPolicy", resource: "*", resourceAccount: caller.accountId, keys: [:])
            guard call.authorize(caller, [check], operation: "SimulateCustomPolicy", denied: DynamoError.accessDenied) else { return }
            switch PlaygroundRoute.respond(request, caller: caller, service: service, now: clock.now(), requestId: requestId) {
            case .success(let response): return respond(response)
            case .failure(let error): return fail(error)
            }
        }
        guard call.authorizeWarden(caller, name: Self.actionName(request)) else { return }
        switch (request.method, request.path) {
        case ("GET", AuditAdminRoute.path) where auditTrail != nil:  // [audit]
            respond(AuditAdminRoute.respond(request, trail: auditTrail!, requestId: requestId))
        case ("GET", "/_warden/clock"):
            respond(clockResponse(requestId: requestId))
        case ("POST", "/_warden/clock"):
            do {
                let json = try JSONParser.parse(request.body.isEmpty ? Array("{}".utf8) : request.body)
                var seconds = 0.0
                if let v = json["advanceSeconds"] {
                    guard case .number(let text) = v, let parsed = Double(text), parsed >= 0, parsed.isFinite else {
                        return fail(.validation("advanceSeconds must be a non-negative number"))
                    }
                    // Timestamps are rendered through whole milliseconds: a clock beyond any real
                    // date (or infinite) would trap in every later response, and persist.
                    if clock.now() + parsed > AdminEndpoint.latestTime {
                        return fail(.validation("advanceSeconds would move the clock past 9999-12-31T23:59:59Z"))
                    }
                    seconds = parsed
                }
                clock.advance(by: seconds)
                let offset = clock.offsetSeconds
                store.write({ writer in try writer.setMeta("clock_offset", String(offset)) }) { result in
                    switch result {
                    case .success: respond(self.clockResponse(requestId: requestId))
                    case .failure: fail(.internalFailure())
                    }
                }
            } catch {
                fail(.serialization(nil))
            }
        case ("GET", let path) where path.hasPrefix("/_warden/explain/"):
            let id = String(path.dropFirst("/_warden/explain/".count))
            guard let entry = decisions.entry(id) else {
                return fail(DynamoError(code: "NotFound", message: "No decision recorded for request \(id) (only recent requests are kept).", httpStatus: 404, namespace: .none))
            }
            if request.header("Accept")?.contains("text/plain") == true {
                respond(WardenResponse(status: 200, headers: [("x-amzn-RequestId", requestId), ("Content-Type", "text/plain; charset=utf-8")],
                                       body: Array(DecisionLog.text(entry).utf8)))
            } else {
                respond(JSONResponse.make(status: 200, body: JSONWriter.encode(DecisionLog.json(entry)), requestId: requestId, contentType: "application/json"))
            }
        default:
            fail(DynamoError(code: "NotFound", message: "No such Warden endpoint: \(request.method) \(request.path)", httpStatus: 404, namespace: .none))
        }
    }

    /// The `warden:` action a request to these endpoints is authorized as.
    static func actionName(_ request: WardenRequest) -> String {
        switch (request.method, request.path) {
        case ("GET", AuditAdminRoute.path): return "GetAuditEvents"
        case ("GET", "/_warden/clock"): return "GetClock"
        case ("POST", "/_warden/clock"): return "AdvanceClock"
        case ("GET", let path) where path.hasPrefix("/_warden/explain/"): return "GetDecision"
        default: return "UnknownEndpoint"
        }
    }

    func clockResponse(requestId: String) -> WardenResponse {
        let now = clock.now()
        let body: JSONValue = [
            "now": .string(ISO8601.string(fromEpoch: now, fractional: true)),
            "epochSeconds": .timestamp(now),
            "offsetSeconds": .timestamp(clock.offsetSeconds),
        ]
        return JSONResponse.make(status: 200, body: JSONWriter.encode(body), requestId: requestId, contentType: "application/json")
    }
}
