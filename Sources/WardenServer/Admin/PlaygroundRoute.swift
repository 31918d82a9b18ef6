import AccessPolicy
import DynamoModel
import DynamoOperations
import WardenSupport

/// `POST /_warden/playground` (Warden-only): the web console's policy playground. It takes
/// policies pasted by the user (identity, and optionally resource, permissions boundary and
/// session policies), a principal, a DynamoDB operation and its request, and answers the
/// decision of every check the operation would make, each with its full trace: the same
/// derivation of the authorization request as a real call (`DynamoOperation.authorization`,
/// so dynamodb:LeadingKeys, dynamodb:Attributes, dynamodb:Select… come from the request as
/// enforcement derives them) and the same engine (`Evaluator`). Nothing is executed.
///
/// It evaluates only the policies it is given, as IAM's SimulateCustomPolicy does, and the
/// caller needs what SimulateCustomPolicy needs: `iam:SimulateCustomPolicy` (the account root
/// has it by the root rule).
///
/// Body: `{"identityPolicies": [text…], "resourcePolicy": text?, "permissionsBoundary": text?,
/// "sessionPolicy": text?, "principalArn": text?, "principalTags": {k: v}?, "operation":
/// "GetItem", "request": {…}, "context": {key: [values]}?}`.
enum PlaygroundRoute {
    static let path = "/_warden/playground"

    struct Input {
        var identity: [AttachedPolicy] = []
        var resource: AttachedPolicy?
        var boundary: AttachedPolicy?
        var session: AttachedPolicy?
        var principal: PrincipalInfo
        var principalKeys = ContextKeys()
        var operation: any DynamoOperation.Type
        var request: JSONValue
        var context = ContextKeys()
    }

    static func respond(_ request: WardenRequest, caller: Caller, service: DynamoService, now: Double, requestId: String) -> Result<WardenResponse, DynamoError> {
        let input: Input
        do {
            input = try parse(request.body, caller: caller)
        } catch {
            return .failure(error)
        }
        let env = RequestEnvironment(requestId: requestId, accountId: caller.accountId, region: caller.region, callerArn: input.principal.arn,
                                     now: now, principal: input.principal)
        let operation: any DynamoOperation
        do {
            operation = try input.operation.init(params: Params(input.request), env: env)
        } catch {
            return .failure(error)
        }
        let checks = operation.authorization(service: service, env: env).checks
        // Deriving a request's keys reads its table's key schema: a table of another account
        // would make the playground an oracle for what that account holds. Refused alike
        // whether or not such a table exists.
        if checks.contains(where: { $0.resourceAccount != caller.accountId }) {
            return .failure(.validation("The playground evaluates requests on the caller's own account's resources (account \(caller.accountId))"))
        }
        var results: [JSONValue] = []
        var overall = "allow"
        for check in checks {
            var keys = ContextKeys()
            keys["aws:CurrentTime"] = .single(ISO8601.string(fromEpoch: now))
            keys["aws:EpochTime"] = .single(String(Int64(now)))
            keys["aws:RequestedRegion"] = .single(caller.region)
            keys["aws:SecureTransport"] = .single(request.isTLS ? "true" : "false")
            keys["aws:ResourceAccount"] = .single(check.resourceAccount)
            keys.merge(input.principalKeys)
            for (name, values) in check.keys { keys[name] = values.count == 1 ? .single(values[0]) : .multiple(values) }
            keys.merge(input.context)
            let evaluation = EvaluationInput(identityPolicies: input.identity, sessionPolicies: input.session.map { [$0] } ?? [],
                                             permissionsBoundary: input.boundary.map { [$0] }, resourcePolicy: input.resource,
                                             context: RequestContext(principal: input.principal, action: check.action, resource: check.resource,
                                                                     resourceAccountId: check.resourceAccount, keys: keys))
            let decision = Evaluator.evaluate(evaluation)
            if decision.outcome != .allow && overall == "allow" { overall = decision.outcome.rawValue }
            var context: [(String, JSONValue)] = []
            for name in keys.names { context.append((name, .array((keys[name]?.values ?? []).map { .string($0) }))) }
            results.append(.object([
                ("action", .string(check.action)),
                ("resource", .string(check.resource)),
                ("outcome", .string(decision.outcome.rawValue)),
                ("message", decision.outcome == .allow ? .null : .string(decision.accessDeniedMessage)),
                ("context", .object(context)),
                ("trace", trace(decision)),
                ("explanation", .string(decision.explain())),
            ]))
        }
        let body: JSONValue = .object([
            ("operation", .string(input.operation.name)),
            ("principal", .string(input.principal.arn)),
            ("decision", .string(checks.isEmpty ? "allow" : overall)),
            ("checks", .array(results)),
        ])
        return .success(JSONResponse.make(status: 200, body: JSONWriter.encode(body), requestId: requestId, contentType: "application/json"))
    }

    /// The decision as a tree the console draws: what granted or denied, every statement that
    /// applied, every condition that failed with the values it compared.
    static func trace(_ d: Decision) -> JSONValue {
        func where_(_ policyId: String, _ layer: PolicyLayer, _ index: Int, _ sid: String?, _ effect: Effect) -> [(String, JSONValue)] {
            [("policy", .string(policyId)), ("layer", .string(layer.rawValue)), ("statement", .int(index + 1)),
             ("sid", sid.map { .string($0) } ?? .null), ("effect", .string(effect.rawValue))]
        }
        return .object([
            ("decidingLayer", d.decidingLayer.map { .string($0.rawValue) } ?? .null),
            ("grantedBy", .array(d.grantedBy.map { .string($0.rawValue) })),
            ("matchedStatements", .array(d.matchedStatements.map { s in
                .object(where_(s.policyId, s.layer, s.statementIndex, s.sid, s.effect) + [
                    ("lines", .string("\(s.startPosition.line)–\(s.endPosition.line)")),
                ])
            })),
            ("failedConditions", .array(d.failedConditions.map { f in
                .object(where_(f.policyId, f.layer, f.statementIndex, f.sid, f.effect) + [
                    ("operator", .string(f.operatorName)),
                    ("key", .string(f.key)),
                    ("expected", .array(f.expectedValues.map { .string($0) })),
                    ("actual", f.actualValues.map { .array($0.map { .string($0) }) } ?? .null),
                    ("note", f.note.map { .string($0) } ?? .null),
                ])
            })),
            ("missingContextKeys", .array(d.missingContextKeys.map { .string($0) })),
            ("notes", .array(d.notes.map { .string($0) })),
        ])
    }

    static func parse(_ body: [UInt8], caller: Caller) throws(DynamoError) -> Input {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            throw .serialization(nil)
        }
        guard case .object = json else { throw .validation("The playground request must be a JSON object") }
        guard case .string(let opName)? = json["operation"] else { throw .validation("operation is required (a DynamoDB operation name, e.g. GetItem)") }
        guard let op = OperationRegistry.dynamo[opName] else { throw .validation("Unknown DynamoDB operation: \(opName)") }
        let request = json["request"] ?? .object([])
        guard case .object = request else { throw .validation("request must be a JSON object (the operation's request)") }

        var principalArn = "arn:aws:iam::\(caller.accountId):user/playground"
        if let value = json["principalArn"] {
            guard case .string(let text) = value, !text.isEmpty else { throw .validation("principalArn must be a string") }
            principalArn = text
        }
        let principal = try principalInfo(principalArn)
        var input = Input(principal: principal, operation: op, request: request)
        if principal.type == .iamUser, let slash = principalArn.lastIndex(of: "/") {
            input.principalKeys["aws:username"] = .single(String(principalArn[principalArn.index(after: slash)...]))
        }
        if let tags = json["principalTags"] {
            guard case .object(let members) = tags else { throw .validation("principalTags must be an object of strings") }
            for (k, v) in members {
                guard case .string(let value) = v else { throw .validation("principalTags must be an object of strings") }
                input.principalKeys["aws:PrincipalTag/\(k)"] = .single(value)
            }
        }
        if let context = json["context"] {
            guard case .object(let members) = context else { throw .validation("context must be an object of string arrays") }
            for (k, v) in members {
                switch v {
                case .string(let s): input.context[k] = .single(s)
                case .array(let items):
                    var values: [String] = []
                    for item in items {
                        guard case .string(let s) = item else { throw .validation("context values must be strings") }
                        values.append(s)
                    }
                    // As the pipeline passes an operation's keys: one value is single-valued
                    // (so it can stand in a policy variable), several are a set.
                    input.context[k] = values.count == 1 ? .single(values[0]) : .multiple(values)
                default: throw .validation("context must be an object of string arrays")
                }
            }
        }
        switch json["identityPolicies"] {
        case nil, .null?: break
        case .array(let items)?:
            for (i, item) in items.enumerated() {
                guard case .string(let text) = item else { throw .validation("identityPolicies must be an array of policy documents (strings)") }
                input.identity.append(try policy(text, kind: .identity, id: items.count == 1 ? "IdentityPolicy" : "IdentityPolicy\(i + 1)",
                                                 source: .user))
            }
        default: throw .validation("identityPolicies must be an array of policy documents (strings)")
        }
        input.resource = try optionalPolicy(json, "resourcePolicy", kind: .resource, id: "ResourcePolicy", source: .resource)
        input.boundary = try optionalPolicy(json, "permissionsBoundary", kind: .boundary, id: "PermissionsBoundary", source: .none)
        input.session = try optionalPolicy(json, "sessionPolicy", kind: .session, id: "SessionPolicy", source: .none)
        return input
    }

    static func optionalPolicy(_ json: JSONValue, _ name: String, kind: PolicyKind, id: String, source: PolicySourceType) throws(DynamoError) -> AttachedPolicy? {
        switch json[name] {
        case nil, .null?: return nil
        case .string(let text)? where text.allSatisfy(\.isWhitespace): return nil
        case .string(let text)?: return try policy(text, kind: kind, id: id, source: source)
        default: throw .validation("\(name) must be a policy document (a string)")
        }
    }

    static func policy(_ text: String, kind: PolicyKind, id: String, source: PolicySourceType) throws(DynamoError) -> AttachedPolicy {
        do {
            return AttachedPolicy(id: id, name: id, sourceType: source, policy: try Policy.parse(text, kind: kind))
        } catch {
            throw .validation("\(id): \(error.description)")
        }
    }

    /// The simulated principal of an ARN: an IAM user, a role session (assumed-role ARN, which
    /// also matches its role's ARN), or the account root.
    static func principalInfo(_ arn: String) throws(DynamoError) -> PrincipalInfo {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[4].count == 12, parts[4].allSatisfy(\.isNumber) else {
            throw .validation("principalArn is not an IAM user, role session or root ARN: \(arn)")
        }
        let account = parts[4], resource = parts[5]
        if parts[2] == "iam" && resource == "root" { return PrincipalInfo(arn: arn, accountId: account, type: .root) }
        if parts[2] == "iam" && resource.hasPrefix("user/") { return PrincipalInfo(arn: arn, accountId: account, type: .iamUser) }
        if parts[2] == "sts" && resource.hasPrefix("assumed-role/") {
            let pieces = resource.split(separator: "/")
            guard pieces.count == 3 else { throw .validation("principalArn is not an IAM user, role session or root ARN: \(arn)") }
            return PrincipalInfo(arn: arn, accountId: account, type: .assumedRole,
                                 matchingArns: ["arn:\(parts[1]):iam::\(account):role/\(pieces[1])"])
        }
        throw .validation("principalArn is not an IAM user, role session or root ARN: \(arn)")
    }
}
