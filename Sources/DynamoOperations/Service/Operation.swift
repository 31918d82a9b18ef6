import AccessPolicy
import DynamoModel

/// Facts about one request that operations need: who is calling, in which account and
/// region, and when (simulated clock).
public struct RequestEnvironment: Sendable {
    public var requestId: String
    public var accountId: String
    public var region: String
    public var callerArn: String
    public var now: Double
    /// The caller as the policy engine sees it, and the global condition keys of the request
    /// (for checks an operation makes itself, e.g. the resource-policy lockout check).
    public var principal: PrincipalInfo?
    /// Made only when asked for: most requests never need them here.
    public var globalKeys: @Sendable () -> ContextKeys
    /// For a request whose checks are independent (`AuthorizationRequest.independent`): the
    /// index of each denied check, with its AccessDenied message.
    public var deniedChecks: [Int: String] = [:]

    public init(requestId: String, accountId: String, region: String, callerArn: String, now: Double,
                principal: PrincipalInfo? = nil, globalKeys: @escaping @Sendable () -> ContextKeys = { ContextKeys() }) {
        self.requestId = requestId
        self.accountId = accountId
        self.region = region
        self.callerArn = callerArn
        self.now = now
        self.principal = principal
        self.globalKeys = globalKeys
    }
}

/// A response body, already encoded as JSON (items are spliced in as stored, not re-encoded).
public typealias ResponseBody = [UInt8]

/// Called exactly once with an operation's outcome — synchronously for reads, from the
/// writer thread after the commit for writes.
public typealias Completion = @Sendable (Result<ResponseBody, DynamoError>) -> Void

/// One DynamoDB API operation: decoded and validated from its JSON (syntactic checks only),
/// then it declares its authorization request, then it executes.
public protocol DynamoOperation: Sendable {
    /// The X-Amz-Target suffix, e.g. "GetItem".
    static var name: String { get }
    /// Whether the operation only reads (CloudTrail's readOnly; also picks the read path).
    static var readOnly: Bool { get }

    init(params: Params, env: RequestEnvironment) throws(DynamoError)

    /// What the caller must be allowed to do. May consult the catalog (for key schemas);
    /// must not fail: problems found here surface from `execute`.
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion)
}

extension DynamoOperation {
    /// Runs a throwing synchronous body and reports its result.
    static func respond(_ completion: Completion, _ body: () throws(DynamoError) -> ResponseBody) {
        do {
            completion(.success(try body()))
        } catch {
            completion(.failure(error))
        }
    }
}

/// Encodes a JSON response.
func encode(_ value: JSONValue) -> ResponseBody {
    JSONWriter.encode(value)
}
