import DynamoModel
import Identity
import SigV4

/// Establishes the caller from the request's SigV4 credential by looking the access key up
/// in Identity's in-memory index: long-term keys of roots and users, and STS session
/// credentials with their token and expiry (on the simulated clock). In permissive mode
/// unknown keys act as the first account's root; known keys must still verify.
public final class Authenticator: Sendable {
    let mode: WardenConfiguration.AuthMode
    let directory: IdentityDirectory
    let clock: WardenClock
    /// The account unknown keys act for in permissive mode.
    let fallbackAccount: String

    private let verifier = SigV4Verifier(signingKeyCacheCapacity: 4096)

    init(configuration: WardenConfiguration, directory: IdentityDirectory, clock: WardenClock) {
        mode = configuration.authMode
        self.directory = directory
        self.clock = clock
        fallbackAccount = directory.defaultAccountId ?? configuration.accountId
    }

    /// Verifies the request's SigV4 signature (header or presigned query) and names the
    /// caller, with DynamoDB's error codes. `service` is the signing name the API expects;
    /// `now` the clock signatures are checked against (wall clock).
    func authenticate(_ request: WardenRequest, service: String, now: Double) -> Result<Caller, DynamoError> {
        authenticateSigV4(request, service: service, now: now).mapError {
            DynamoError(code: $0.code, message: $0.message, httpStatus: $0.httpStatus, namespace: .coralService)
        }
    }

    /// The same, with the verifier's own error (each protocol renders it in its own way).
    func authenticateSigV4(_ request: WardenRequest, service: String, now: Double) -> Result<Caller, SigV4Error> {
        let signed = SigV4HTTPRequest(method: request.method, rawPath: request.path, rawQuery: request.query,
                                      headers: request.headers, body: request.encodedBody ?? request.body)
        var found: Principal?
        let permissive = mode == .permissive
        let serviceNow = clock.now()
        let directory = self.directory
        // A regional listener checks the scope's region as a regional endpoint does (IAM and
        // STS, global services, are answered on every listener whatever region signed them).
        let expectedRegion = service == "iam" || service == "sts" ? nil : request.boundRegion
        let result = verifier.verify(signed, now: now, expectedService: service, expectedRegion: expectedRegion) { accessKeyId in
            switch directory.lookupCredential(accessKeyId, now: serviceNow) {
            case .valid(let secret, let token, let principal):
                found = principal
                return .secret(SigV4Secret(secretAccessKey: secret, sessionToken: token))
            case .expired:
                return .expired
            case .inactive:
                return .unknown
            case .unknown:
                return permissive ? .acceptWithoutVerification : .unknown
            }
        }
        switch result {
        case .failure(let error):
            return .failure(error)
        case .success(let auth):
            if let principal = found {
                return .success(Caller(principal: principal, accessKeyId: auth.accessKeyId, region: auth.region))
            }
            // Permissive mode: an unknown key acts as the first account's root.
            return .success(Caller(principal: .root(fallbackAccount), accessKeyId: auth.accessKeyId, region: auth.region))
        }
    }
}
