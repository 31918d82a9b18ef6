import DynamoModel
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

    /// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …`.
    struct Scope {
        var accessKeyId: String
        var region: String
        var service: String
    }

    static func scope(of request: WardenRequest) -> Scope? {
        guard let auth = request.header("Authorization"), let range = auth.range(of: "Credential=") else { return nil }
        let rest = auth[range.upperBound...]
        let credential = rest.prefix { $0 != "," && $0 != " " }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5 else { return nil }
        return Scope(accessKeyId: String(parts[0]), region: String(parts[2]), service: String(parts[3]))
    }

    func authenticate(_ request: WardenRequest, service: String) -> Result<Caller, DynamoError> {
        guard request.header("Authorization") != nil else {
            return .failure(DynamoError(code: "MissingAuthenticationTokenException", message: "Request is missing Authentication Token", namespace: .coralService))
        }
        guard let scope = Authenticator.scope(of: request) else {
            return .failure(DynamoError(code: "IncompleteSignatureException", message: "Authorization header requires 'Credential' parameter. Authorization=\(request.header("Authorization") ?? "")", namespace: .coralService))
        }
        if let entry = keys.withLock({ $0[scope.accessKeyId] }) {
            var caller = entry.caller
            caller.region = scope.region
            return .success(caller)
        }
        if mode == .permissive {
            return .success(Caller(kind: .root, accountId: defaultAccount, arn: "arn:aws:iam::\(defaultAccount):root",
                                   accessKeyId: scope.accessKeyId, region: scope.region))
        }
        return .failure(DynamoError(code: "UnrecognizedClientException", message: "The security token included in the request is invalid.", namespace: .coralService))
    }
}
