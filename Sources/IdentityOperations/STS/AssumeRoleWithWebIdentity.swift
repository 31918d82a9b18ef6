import WardenSupport
import AccessPolicy
import Identity

/// AssumeRoleWithWebIdentity: an unsigned request carrying a web identity token. Warden
/// accepts the tokens it issued itself (`warden token`, RS256 with the server's key). The
/// role's trust policy must allow `sts:AssumeRoleWithWebIdentity` for the provider
/// (`{"Federated": "www.amazon.com"}`, `accounts.google.com`,
/// `cognito-identity.amazonaws.com`, or `arn:aws:iam::ACCOUNT:oidc-provider/HOST`), and sees
/// the token's claims as condition keys (`www.amazon.com:user_id`, `…:app_id`,
/// `accounts.google.com:sub`…), which the session keeps for later requests.
enum AssumeRoleWithWebIdentity: QueryOperation {
    static let name = "AssumeRoleWithWebIdentity"
    static let allowsAnonymous = true

    static let notAuthorized = "Not authorized to perform sts:AssumeRoleWithWebIdentity"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let p = c.params
        var v = Validator()
        let (roleArnParam, sessionNameParam, duration, policy, arnsParam) = try RoleSessionParameters.read(p, into: &v, policyMax: 2048)
        let tokenText = p["WebIdentityToken"], providerId = p["ProviderId"]
        v.required(tokenText, "webIdentityToken")
        v.string(tokenText, "webIdentityToken", min: 4, max: 20000)
        v.string(providerId, "providerId", min: 4, max: 2048)
        try v.check()
        let roleArn = roleArnParam!, sessionName = sessionNameParam!, arns = arnsParam ?? []
        let packed = try RoleSessionParameters.checkSessionPolicies(policy: policy, arns: arns, tags: [])

        let token: WebIdentityToken
        switch c.directory.tokenSigner.verify(tokenText!, now: c.clock.now()) {
        case .success(let t): token = t
        case .failure(.malformed):
            throw .invalidIdentityToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
        case .failure(.badSignature):
            throw .invalidIdentityToken("Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements")
        case .failure(.expired(let now, let expiration)):
            throw .expiredWebIdentityToken("Token expired: current date/time \(now) must be before the expiration date/time\(expiration)")
        }
        let provider = WebIdentityProviders.providerName(issuer: token.issuer)
        // OAuth 2.0 tokens (Amazon, Facebook) need ProviderId naming their provider; without
        // it STS looks for an OpenID Connect provider of the token's issuer.
        if WebIdentityProviders.oauth2.contains(provider) && providerId != provider {
            throw .invalidIdentityToken("No OpenIDConnect provider found in your account for \(token.issuer)")
        }
        guard let (role, roleAccount) = RoleSessionParameters.role(roleArn, directory: c.directory),
              let trust = c.directory.trustPolicy(of: role, accountId: roleAccount) else { throw .accessDenied(notAuthorized) }

        let claims = WebIdentityProviders.contextKeys(provider: provider, token: token)
        var keys = ContextKeys()
        for (name, values) in claims { keys[name] = values.count == 1 ? .single(values[0]) : .multiple(values) }
        let federated = WebIdentityProviders.federatedPrincipal(provider: provider, account: roleAccount)
        keys["aws:FederatedProvider"] = .single(federated)
        keys["sts:RoleSessionName"] = .single(sessionName)
        let external = PrincipalInfo(arn: "\(provider):\(token.audience):\(token.subject)", accountId: roleAccount, type: .webIdentity,
                                     federatedProvider: federated)
        let check = QueryCheck("sts:AssumeRoleWithWebIdentity", roleArn, resourcePolicy: trust, resourceAccountId: roleAccount,
                               keys: keys, externalPrincipal: external, denialMessage: notAuthorized)
        let seconds = duration ?? 3600
        return QueryPlan(checks: [check]) { done in
            do throws(IdentityError) {
                try STSRules.checkDuration(seconds, role: role, chained: false)
            } catch {
                return done(.failure(error))
            }
            var request = RoleSessionRequest(role: role, roleAccountId: roleAccount, sessionName: sessionName, durationSeconds: seconds)
            request.sessionPolicy = policy
            request.policyArns = arns
            request.provider = federated
            request.webIdentityClaims = claims
            c.directory.issueRoleSession(request, region: c.region) { result in
                done(result.map { session in
                    [STSRender.credentials(session),
                     .leaf("SubjectFromWebIdentityToken", token.subject),
                     STSRender.assumedRoleUser(session),
                     packed.map { .int("PackedPolicySize", $0) } ?? .empty,
                     .leaf("Provider", WebIdentityProviders.oauth2.contains(provider) ? provider : token.issuer),
                     .leaf("Audience", token.audience)]
                })
            }
        }
    }
}
