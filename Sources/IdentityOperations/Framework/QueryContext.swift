import DynamoModel
import Identity

/// What an IAM or STS operation is given: the caller (nil for the few operations that take
/// unsigned requests), its parameters and the services it uses. Nothing here knows HTTP: the
/// endpoint fills it from the request it authenticated.
package struct QueryContext: Sendable {
    /// The authenticated principal; nil for an unsigned request.
    package let caller: Principal?
    package let params: QueryParameters
    package let directory: IdentityDirectory
    package let clock: WardenClock
    package let requestId: String
    /// The region of the request's credential scope (us-east-1 for IAM).
    package let region: String
    package let sourceIp: String
    package let secureTransport: Bool

    package init(caller: Principal?, params: QueryParameters, directory: IdentityDirectory, clock: WardenClock,
                 requestId: String, region: String, sourceIp: String, secureTransport: Bool) {
        self.caller = caller
        self.params = params
        self.directory = directory
        self.clock = clock
        self.requestId = requestId
        self.region = region
        self.sourceIp = sourceIp
        self.secureTransport = secureTransport
    }

    /// The calling principal (operations that require a signed request only).
    package var principal: Principal { caller! }
    package var accountId: String { caller!.accountId }

    /// The caller's account, as it is now.
    package func account() throws(IdentityError) -> Account {
        guard let account = directory.account(accountId) else { throw .noSuchEntity("The account \(accountId) cannot be found.") }
        return account
    }

    /// A change to the caller's account whose result becomes the response.
    func mutate<T: Sendable>(_ completion: @escaping QueryCompletion,
                             _ body: @escaping (inout Account, MutationContext) throws -> T,
                             render: @escaping @Sendable (T) -> [XML]?) {
        directory.mutate(account: accountId, body) { result in
            completion(result.map(render))
        }
    }
}
