import AuditTrail
import DynamoModel
import Identity
import IdentityOperations

/// Records of IAM and STS calls (AWS Query protocol): management events of
/// `iam.amazonaws.com` / `sts.amazonaws.com`, with the form parameters as requestParameters
/// (lower-camel-cased, secrets left out).
///
/// The Query endpoint authenticates by itself; the caller of a call that got past
/// authentication is found again from the access key when the event is built
/// (`AuditHook.resolveCaller`).
extension RequestAudit {
    static let secretParameters: Set<String> = ["Password", "OldPassword", "NewPassword", "PrivateKey", "WebIdentityToken",
                                                "SAMLAssertion", "TokenCode", "SerialNumber"]

    /// The call, as soon as its action is known (before authentication).
    func noteQueryAction(_ action: String, service: QueryService) {
        guard !action.isEmpty else { return }
        eventSource = service == .sts ? "sts.amazonaws.com" : "iam.amazonaws.com"
        eventName = action
        apiVersion = service.version
        category = .management
        readOnly = ["Get", "List", "Simulate", "Generate"].contains { action.hasPrefix($0) }
    }

    /// Its parameters, once authenticated and decoded (a request refused before that is
    /// recorded without them).
    func noteQueryParameters(_ params: QueryParameters) {
        var members: [(String, JSONValue)] = []
        for (name, value) in params.values.sorted(by: { $0.key < $1.key }) where name != "Action" && name != "Version" {
            let top = String(name.split(separator: ".").first ?? Substring(name))
            members.append((CamelCase.lower(name), Self.secretParameters.contains(top) ? "HIDDEN_DUE_TO_SECURITY_REASONS" : .string(value)))
        }
        request = members.isEmpty ? nil : .shaped(.object(members))
    }
}

extension AuditHook {
    /// Signature and credential failures: no caller to attribute the call to.
    static let authenticationFailures: Set<String> = [
        "SignatureDoesNotMatch", "InvalidClientTokenId", "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken",
        "InvalidSignatureException", "UnrecognizedClientException", "MissingAuthenticationTokenException", "ExpiredTokenException",
    ]

    /// The caller of a call whose endpoint authenticated it without telling the audit context.
    func resolveCaller(_ audit: RequestAudit, errorCode: String?) -> Caller? {
        if let caller = audit.caller { return caller }
        guard let directory, let key = audit.credentialAccessKeyId, !Self.authenticationFailures.contains(errorCode ?? "") else { return nil }
        guard case .valid(_, _, let principal) = directory.lookupCredential(key, now: clock.now()) else { return nil }
        return Caller(principal: principal, accessKeyId: key, region: audit.credentialRegion ?? region)
    }
}
