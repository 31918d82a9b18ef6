import DynamoModel
import Identity

/// `POST /_warden/token` (Warden-only, account roots only): issues a web identity token
/// signed with the server's key, for AssumeRoleWithWebIdentity — the stand-in for logging in
/// with Login with Amazon, Google or Cognito. Body:
/// `{"provider": "www.amazon.com", "subject": "amzn1.account.X", "audience": "APP_ID",
///   "expiresInSeconds": 3600, "claims": {"amr": ["authenticated"]}}`.
/// Answer: `{"token": "…", "issuer": "…", "expiration": "…"}`.
final class WebIdentityTokenEndpoint: Sendable {
    let steps: EndpointSteps
    let directory: IdentityDirectory

    init(steps: EndpointSteps, directory: IdentityDirectory) {
        self.steps = steps
        self.directory = directory
    }

    func handle(_ request: WardenRequest, requestId: String, respond: @escaping @Sendable (WardenResponse) -> Void) {
        let call = steps.wardenCall(request, requestId: requestId, respond: respond)
        let fail = call.fail
        guard let caller = call.authenticate(service: "dynamodb", rendered: call.render),
              call.authorizeWarden(caller, name: "IssueWebIdentityToken") else { return }
        guard request.method == "POST" else {
            return fail(DynamoError(code: "NotFound", message: "No such Warden endpoint: \(request.method) \(request.path)", httpStatus: 404, namespace: .none))
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(request.body.isEmpty ? Array("{}".utf8) : request.body)
        } catch {
            return fail(.serialization(nil))
        }
        func string(_ name: String) -> String? {
            if case .string(let s)? = json[name] { return s }
            return nil
        }
        guard let provider = string("provider"), !provider.isEmpty else { return fail(.validation("provider is required (e.g. www.amazon.com)")) }
        guard let subject = string("subject"), !subject.isEmpty else { return fail(.validation("subject is required")) }
        let audience = string("audience") ?? "warden"
        var lifetime = 3600.0
        if let value = json["expiresInSeconds"] {
            guard case .number(let text) = value, let seconds = Double(text), seconds > 0, seconds <= 86_400 * 7 else {
                return fail(.validation("expiresInSeconds must be a number of seconds up to 604800"))
            }
            lifetime = seconds
        }
        var extra: [String: [String]] = [:]
        if case .object(let members)? = json["claims"] {
            for (name, value) in members {
                switch value {
                case .string(let s): extra[name] = [s]
                case .array(let items): extra[name] = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                default: return fail(.validation("claims values must be strings or lists of strings"))
                }
            }
        }
        let now = steps.clock.now()
        let token = directory.tokenSigner.issue(provider: WebIdentityProviders.providerName(issuer: provider), subject: subject,
                                                audience: audience, now: now, lifetime: lifetime, extraClaims: extra)
        let body: JSONValue = [
            "token": .string(token),
            "issuer": .string(WebIdentityProviders.issuer(for: WebIdentityProviders.providerName(issuer: provider))),
            "expiration": .string(ISO8601.string(fromEpoch: now + lifetime)),
        ]
        respond(JSONResponse.make(status: 200, body: JSONWriter.encode(body), requestId: requestId, contentType: "application/json"))
    }
}
