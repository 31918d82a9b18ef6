import WardenSupport
import AccessPolicy
import DynamoModel
import Identity
import IdentityOperations
import SigV4

/// IAM and STS on Warden's port (AWS Query protocol: form-encoded POST with `Action=` and
/// `Version=`, XML answers): authenticate → decode and validate → authorize → execute →
/// respond. Which service a request is for comes from its SigV4 credential scope (`iam` or
/// `sts`); an unsigned request (AssumeRoleWithWebIdentity) is known by its action.
final class QueryEndpoint: Sendable {
    let directory: IdentityDirectory
    let authenticator: Authenticator
    let authorizer: Authorizer
    let clock: WardenClock

    init(directory: IdentityDirectory, authenticator: Authenticator, authorizer: Authorizer, clock: WardenClock) {
        self.directory = directory
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.clock = clock
    }

    /// Whether a request looks like a Query-protocol call (used by the pipeline's routing).
    static func accepts(_ request: WardenRequest) -> Bool {
        if request.query.contains("Action=") { return true }
        guard request.method == "POST" else { return false }
        if let type = request.header("Content-Type"), type.lowercased().hasPrefix("application/x-www-form-urlencoded") { return true }
        return request.body.starts(with: Array("Action=".utf8))
    }

    /// The service named by the SigV4 credential scope, if the request is signed.
    static func scopeService(_ request: WardenRequest) -> String? {
        UnverifiedScope(authorization: request.header("Authorization"), query: request.query)?.service
    }

    static func isSigned(_ request: WardenRequest) -> Bool {
        request.header("Authorization") != nil || request.query.contains("X-Amz-Algorithm=")
    }

    /// Authenticate before decode: the action (and version) are found by a scan that decodes
    /// nothing else; the signature — over the body's hash, which is linear — is verified next;
    /// only then is the whole form decoded (linear, at most `QueryParameters.maxParameters`
    /// pairs). An unsigned or forged request never costs a full decode, unless its action is
    /// one that may be called anonymously (AssumeRoleWithWebIdentity).
    func handle(_ request: WardenRequest, requestId: String, audit: RequestAudit,
                respond: @escaping @Sendable (WardenResponse) -> Void) {
        let routing = QueryParameters.firstValues(["Action", "Version"], body: request.body, query: request.query)
        let scope = Self.scopeService(request)
        let action = routing["Action"] ?? ""
        let service: QueryService
        switch scope {
        case "sts": service = .sts
        case "iam": service = .iam
        default: service = STSOperations.table[action] != nil ? .sts : .iam
        }
        audit.noteQueryAction(action, service: service)  // [audit]
        let fail: @Sendable (IdentityError) -> Void = { respond(ErrorRendering.response(.query($0, service), requestId: requestId)) }
        guard !action.isEmpty else {
            return fail(IdentityError(code: "MissingAction", message: "Missing Action", httpStatus: 400))
        }
        let table = service == .iam ? IAMOperations.table : STSOperations.table
        guard let operation = table[action] else {
            return fail(IdentityError(code: "InvalidAction", message: "Could not find operation \(action) for version \(routing["Version"] ?? service.version)", httpStatus: 400))
        }

        var caller: Caller?
        if !(operation.allowsAnonymous && !Self.isSigned(request)) {
            switch authenticator.authenticateSigV4(request, service: service.rawValue, now: clock.signingNow()) {
            case .success(let c): caller = c
            case .failure(let error): return fail(.signing(error))
            }
            // Credentials from GetSessionToken cannot call IAM without MFA (which Warden
            // does not have): IAM answers as for an unknown token.
            if service == .iam, caller?.principal.sessionKind == .sessionToken {
                return fail(IdentityError(code: "InvalidClientTokenId", message: SigV4Error.invalidSecurityToken.message, httpStatus: 403))
            }
        }
        let params: QueryParameters
        do {
            params = try QueryParameters.decode(body: request.body, query: request.query)
        } catch {
            return fail(error)
        }
        audit.noteQueryParameters(params)  // [audit]
        let context = QueryContext(caller: caller?.principal, params: params, directory: directory, clock: clock, requestId: requestId,
                                   region: caller?.region ?? "us-east-1", sourceIp: request.remoteAddress, secureTransport: request.isTLS)
        let plan: QueryPlan
        do {
            plan = try operation.prepare(context)
        } catch {
            return fail(error)
        }
        audit.callerArn = caller?.arn  // [log]
        if let denial = authorize(caller, plan.checks, request: request, context: context, action: action) {
            return fail(denial)
        }
        audit.authorized = true  // [log]
        plan.run { result in
            switch result {
            case .success(let xml):
                respond(QueryResponse.make(status: 200, body: QueryResponse.body(action: action, service: service, result: xml, requestId: requestId),
                                           requestId: requestId))
            case .failure(let error):
                fail(error)
            }
        }
    }

    /// The operation's checks, decided by the one Authorizer (decision log included); the
    /// AccessDenied in the operation's words, if any.
    func authorize(_ caller: Caller?, _ checks: [QueryCheck], request: WardenRequest, context: QueryContext, action: String) -> IdentityError? {
        let converted = checks.map { item in
            Authorizer.Check(action: item.check.action, resource: item.check.resource,
                             resourceAccount: item.check.resourceAccountId ?? IAMArn(item.check.resource)?.account ?? caller?.accountId ?? "",
                             resourcePolicy: item.check.resourcePolicy, keys: item.check.requestKeys.plain,
                             contextKeys: item.check.requestKeys, externalPrincipal: item.externalPrincipal)
        }
        let origin = Authorizer.Origin(request, region: context.region)
        let outcome = authorizer.decide(caller, converted, origin: origin, requestId: context.requestId, operation: action, now: clock.now())
        guard let denied = outcome.denied else { return nil }
        let item = checks[denied.index]
        if let text = item.denialMessage { return .accessDenied(text) }
        if item.plainMessage, let decision = denied.decision {
            return .accessDenied("User: \(decision.principalArn) is not authorized to perform: \(item.check.action) on resource: \(item.check.resource)")
        }
        return .accessDenied(denied.message)
    }
}

extension ContextKeys {
    /// The keys as name → values (for the decision log).
    var plain: [String: [String]] {
        var out: [String: [String]] = [:]
        for name in names {
            switch self[name] {
            case .single(let value)?: out[name] = [value]
            case .multiple(let values)?: out[name] = values
            case nil: break
            }
        }
        return out
    }
}
