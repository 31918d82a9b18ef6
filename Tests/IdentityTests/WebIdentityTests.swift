import Foundation
import Testing
@testable import Identity

@Suite("Web identity tokens")
struct WebIdentityTests {
    let signer = WebIdentityTokenSigner.ephemeral()!

    @Test("RS256 tokens verify and carry their claims")
    func roundTrip() throws {
        let token = signer.issue(provider: "www.amazon.com", subject: "amzn1.account.A", audience: "app1", now: 1000, lifetime: 60,
                                 extraClaims: ["amr": ["authenticated", "x"]])
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        let header = try #require(Base64URL.decode(parts[0]))
        #expect(String(decoding: header, as: UTF8.self).contains(#""alg":"RS256""#))
        let claims = try signer.verify(token, now: 1059).get()
        #expect(claims.issuer == "www.amazon.com")
        #expect(claims.subject == "amzn1.account.A")
        #expect(claims.audience == "app1")
        #expect(claims.expiresAt == 1060)
        #expect(claims.claims["amr"] == ["authenticated", "x"])
    }

    @Test("expired, tampered, foreign and malformed tokens are refused")
    func refusals() throws {
        let token = signer.issue(provider: "accounts.google.com", subject: "123", audience: "client", now: 1000, lifetime: 60)
        #expect(signer.verify(token, now: 1060) == .failure(.expired(now: 1060, expiration: 1060)))
        var parts = token.split(separator: ".").map(String.init)
        let payload = String(decoding: Base64URL.decode(Substring(parts[1]))!, as: UTF8.self).replacingOccurrences(of: "123", with: "124")
        parts[1] = Base64URL.encode(Array(payload.utf8))
        #expect(signer.verify(parts.joined(separator: "."), now: 1000) == .failure(.badSignature))
        let other = WebIdentityTokenSigner.ephemeral()!
        #expect(other.verify(token, now: 1000) == .failure(.badSignature))
        #expect(signer.verify("not-a-token", now: 1000) == .failure(.malformed))
        #expect(signer.verify("a.b.c", now: 1000) == .failure(.malformed))
    }

    @Test("providers: issuers, trust-policy principals and condition keys")
    func providers() throws {
        #expect(WebIdentityProviders.issuer(for: "cognito-identity.amazonaws.com") == "https://cognito-identity.amazonaws.com")
        #expect(WebIdentityProviders.providerName(issuer: "https://cognito-identity.amazonaws.com") == "cognito-identity.amazonaws.com")
        #expect(WebIdentityProviders.federatedPrincipal(provider: "www.amazon.com", account: "123456789012") == "www.amazon.com")
        #expect(WebIdentityProviders.federatedPrincipal(provider: "idp.example.com", account: "123456789012")
            == "arn:aws:iam::123456789012:oidc-provider/idp.example.com")
        let token = WebIdentityToken(issuer: "www.amazon.com", subject: "amzn1.account.A", audience: "app1", issuedAt: 0, expiresAt: 1, claims: [:])
        #expect(WebIdentityProviders.contextKeys(provider: "www.amazon.com", token: token)
            == ["www.amazon.com:app_id": ["app1"], "www.amazon.com:user_id": ["amzn1.account.A"]])
        let google = WebIdentityToken(issuer: "accounts.google.com", subject: "42", audience: "c", issuedAt: 0, expiresAt: 1, claims: [:])
        #expect(WebIdentityProviders.contextKeys(provider: "accounts.google.com", token: google)
            == ["accounts.google.com:aud": ["c"], "accounts.google.com:sub": ["42"]])
    }
}
