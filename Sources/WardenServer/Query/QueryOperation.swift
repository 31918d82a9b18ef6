import AccessPolicy
import DynamoModel
import Identity

/// What an IAM or STS operation is given: the caller (nil for the few operations that take
/// unsigned requests), its parameters and the services it uses.
struct QueryContext: Sendable {
    let caller: Caller?
    let params: QueryParameters
    let directory: IdentityDirectory
    let clock: WardenClock
    let requestId: String
    /// The region of the request's credential scope (us-east-1 for IAM).
    let region: String
    let sourceIp: String
    let secureTransport: Bool

    /// The calling principal (operations that require a signed request only).
    var principal: Principal { caller!.principal }
    var accountId: String { caller!.accountId }

    /// The caller's account, as it is now.
    func account() throws(IdentityError) -> Account {
        guard let account = directory.account(accountId) else { throw .noSuchEntity("The account \(accountId) cannot be found.") }
        return account
    }
}

/// One thing an operation needs allowed, and how a refusal is worded.
struct QueryCheck: Sendable {
    var check: AuthorizationCheck
    /// STS's AssumeRole refusals name only the action and resource
    /// ("User: … is not authorized to perform: sts:AssumeRole on resource: …"); IAM's add
    /// the reason ("… because no identity-based policy allows the iam:CreateUser action").
    var plainMessage = false
    /// For requests without a signed caller (a web identity presenting its token): who is
    /// asking, as the policy engine sees it. Only the resource policy can allow it.
    var externalPrincipal: PrincipalInfo?
    /// The refusal's exact text, when the API words it its own way.
    var denialMessage: String?

    init(_ action: String, _ resource: String, resourcePolicy: AttachedPolicy? = nil, resourceAccountId: String? = nil,
         keys: ContextKeys = ContextKeys(), plainMessage: Bool = false, externalPrincipal: PrincipalInfo? = nil,
         denialMessage: String? = nil) {
        check = AuthorizationCheck(action: action, resource: resource, resourceAccountId: resourceAccountId,
                                   resourcePolicy: resourcePolicy, requestKeys: keys)
        self.plainMessage = plainMessage
        self.externalPrincipal = externalPrincipal
        self.denialMessage = denialMessage
    }
}

typealias QueryCompletion = @Sendable (Result<[XML]?, IdentityError>) -> Void

/// A validated request: what it needs to be allowed, and how to carry it out.
struct QueryPlan: Sendable {
    var checks: [QueryCheck]
    var run: @Sendable (_ completion: @escaping QueryCompletion) -> Void

    init(checks: [QueryCheck], run: @escaping @Sendable (_ completion: @escaping QueryCompletion) -> Void) {
        self.checks = checks
        self.run = run
    }
}

/// An IAM or STS API operation: validates its parameters (AWS's ValidationError texts) and
/// declares its authorization before anything runs.
protocol QueryOperation: SendableMetatype {
    static var name: String { get }
    /// Operations that take unsigned requests (AssumeRoleWithWebIdentity).
    static var allowsAnonymous: Bool { get }
    static func prepare(_ context: QueryContext) throws(IdentityError) -> QueryPlan
}

extension QueryOperation {
    static var allowsAnonymous: Bool { false }
}

extension QueryContext {
    /// A change to the caller's account whose result becomes the response.
    func mutate<T: Sendable>(_ completion: @escaping QueryCompletion,
                             _ body: @escaping (inout Account, MutationContext) throws -> T,
                             render: @escaping @Sendable (T) -> [XML]?) {
        directory.mutate(account: accountId, body) { result in
            completion(result.map(render))
        }
    }
}
