import DynamoModel
import SigV4
import Synchronization

/// Establishes the caller from the request's SigV4 credential.
/// Known keys map to principals; in permissive mode unknown keys act as the first account's root.
public final class Authenticator: Sendable {
    struct KeyEntry: Sendable {
        var secret: String
        var caller: Caller
    }

    private let keys: Mutex<[String: KeyEntry]>
    let mode: WardenConfiguration.AuthMode
    let defaultAccount: String

    init(configuration: WardenConfiguration) {
        mode = configuration.authMode
        defaultAccount = configuration.accountId
        let root = Caller(kind: .root, accountId: configuration.accountId, arn: "arn:aws:iam::\(configuration.accountId):root",
                          accessKeyId: configuration.defaultAccessKeyId, region: configuration.region)
        keys = Mutex([configuration.defaultAccessKeyId: KeyEntry(secret: configuration.defaultSecretAccessKey, caller: root)])
    }

    private let verifier = SigV4Verifier(signingKeyCacheCapacity: 4096)

    /// Verifies the request's SigV4 signature (header or presigned query) against the key's
    /// secret and names the caller. `service` is the signing name the API expects.
    func authenticate(_ request: WardenRequest, service: String, now: Double) -> Result<Caller, DynamoError> {
        let signed = SigV4HTTPRequest(method: request.method, rawPath: request.path, rawQuery: request.query,
                                      headers: request.headers, body: request.body)
        var found: KeyEntry?
        let permissive = mode == .permissive
        let result = verifier.verify(signed, now: now, expectedService: service) { accessKeyId in
            if let entry = self.keys.withLock({ $0[accessKeyId] }) {
                found = entry
                return .secret(SigV4Secret(secretAccessKey: entry.secret, sessionToken: nil))
            }
            return permissive ? .acceptWithoutVerification : .unknown
        }
        switch result {
        case .failure(let error):
            return .failure(DynamoError(code: error.code, message: error.message, httpStatus: error.httpStatus, namespace: .coralService))
        case .success(let auth):
            if var caller = found?.caller {
                caller.region = auth.region
                return .success(caller)
            }
            // Permissive mode: an unknown key acts as the first account's root.
            return .success(Caller(kind: .root, accountId: defaultAccount, arn: "arn:aws:iam::\(defaultAccount):root",
                                   accessKeyId: auth.accessKeyId, region: auth.region))
        }
    }
}
