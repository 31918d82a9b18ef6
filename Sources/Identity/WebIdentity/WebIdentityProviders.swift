/// The identity providers AssumeRoleWithWebIdentity knows, and what their tokens give the
/// trust policy.
///
/// AWS's "Available keys for AWS web identity federation" (IAM User Guide,
/// reference_policies_iam-condition-keys#condition-keys-wif): Amazon gives
/// `www.amazon.com:app_id` (the token's audience) and `www.amazon.com:user_id` (its
/// subject); Facebook `graph.facebook.com:app_id` and `graph.facebook.com:id`; Google
/// `accounts.google.com:aud`, `accounts.google.com:oaud` and `accounts.google.com:sub`;
/// Amazon Cognito `cognito-identity.amazonaws.com:aud`, `:sub` and `:amr`; any other OpenID
/// Connect provider `HOST:aud`, `HOST:sub` (and `HOST:amr`, `HOST:oaud` when the token has
/// them), where the trust policy names it as `arn:aws:iam::ACCOUNT:oidc-provider/HOST`.
/// Amazon and Facebook issue OAuth 2.0 access tokens, for which the request must name the
/// provider in ProviderId; the others are OpenID Connect ID tokens, known by their `iss`.
public enum WebIdentityProviders {
    /// Providers whose tokens need the ProviderId parameter.
    public static let oauth2: Set<String> = ["www.amazon.com", "graph.facebook.com"]
    /// Providers trust policies name by their host rather than by an IAM OIDC provider ARN.
    public static let builtIn: Set<String> = ["www.amazon.com", "graph.facebook.com", "accounts.google.com", "cognito-identity.amazonaws.com"]

    /// The `iss` claim Warden puts in a token for `provider`.
    public static func issuer(for provider: String) -> String {
        switch provider {
        case "www.amazon.com", "graph.facebook.com", "accounts.google.com": return provider
        default: return provider.hasPrefix("https://") ? provider : "https://" + provider
        }
    }

    /// The provider's host (and path) from an `iss` claim: "https://x.example/a" → "x.example/a".
    public static func providerName(issuer: String) -> String {
        var name = issuer
        if name.hasPrefix("https://") { name.removeFirst("https://".count) }
        while name.hasSuffix("/") { name.removeLast() }
        return name
    }

    /// How a trust policy's `{"Federated": …}` names the provider.
    public static func federatedPrincipal(provider: String, account: String) -> String {
        builtIn.contains(provider) ? provider : "arn:aws:iam::\(account):oidc-provider/\(provider)"
    }

    /// The condition keys a token's claims give, e.g. `www.amazon.com:user_id`.
    public static func contextKeys(provider: String, token: WebIdentityToken) -> [String: [String]] {
        var keys: [String: [String]] = [:]
        let aud = [token.audience]
        let sub = [token.subject]
        switch provider {
        case "www.amazon.com":
            keys["www.amazon.com:app_id"] = aud
            keys["www.amazon.com:user_id"] = sub
        case "graph.facebook.com":
            keys["graph.facebook.com:app_id"] = aud
            keys["graph.facebook.com:id"] = sub
        default:
            keys["\(provider):aud"] = aud
            keys["\(provider):sub"] = sub
            if let amr = token.claims["amr"] { keys["\(provider):amr"] = amr }
            if let oaud = token.claims["oaud"] { keys["\(provider):oaud"] = oaud }
        }
        return keys
    }
}
