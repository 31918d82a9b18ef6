import WardenSupport
import DynamoModel
import Foundation

/// The claims of a web identity token Warden issued (a JWT, RS256).
public struct WebIdentityToken: Sendable, Hashable {
    public var issuer: String
    public var subject: String
    public var audience: String
    public var issuedAt: Double
    public var expiresAt: Double
    /// Every claim, strings and arrays of strings as lists of strings, numbers as text.
    public var claims: [String: [String]]
}

/// Why a token was refused.
public enum WebIdentityTokenError: Error, Sendable, Equatable {
    /// Not three base64url parts of JSON, or not RS256.
    case malformed
    /// Not signed by this server's key.
    case badSignature
    /// `exp` is not after `now`: (now, exp) in epoch seconds.
    case expired(now: Int, expiration: Int)
}

/// Issues and checks web identity tokens with the server's RSA key, which is made at first
/// start and kept in the database (`warden_meta`, key `identity.web_identity_key`).
public final class WebIdentityTokenSigner: Sendable {
    struct Material: Sendable {
        let key: RSAKey
        /// The JWT `kid`: the first 16 hex digits of the SHA-256 of the public key.
        let keyId: String

        init(key: RSAKey) {
            self.key = key
            keyId = Hex.encode(sha256Digest(key.subjectPublicKeyInfoDER).prefix(8))
        }
    }

    /// Read or generated on first use: generating a 2048-bit key takes a few hundred
    /// milliseconds, which a fresh server should not spend before it answers.
    private let material: OnFirstUse<Material>

    init(material: @escaping @Sendable () throws -> Material) {
        self.material = OnFirstUse(material)
    }

    /// The JWT `kid` of the tokens this signer issues.
    public var keyId: String { (try? material.get())?.keyId ?? "" }

    static let metaKey = "identity.web_identity_key"

    static func loadOrCreate(_ persistence: IdentityPersistence) -> WebIdentityTokenSigner {
        WebIdentityTokenSigner {
            if let pem = try persistence.meta(metaKey), let key = try? RSAKey.load(pem: pem) {
                return Material(key: key)
            }
            guard let key = try? RSAKey.generate(), let pem = key.pem else { throw IdentityError.internalFailure("cannot create the web identity signing key") }
            try persistence.setMeta(metaKey, pem)
            return Material(key: key)
        }
    }

    /// A fresh signer with a new key, not stored (tests).
    public static func ephemeral() -> WebIdentityTokenSigner? {
        guard let key = try? RSAKey.generate() else { return nil }
        return WebIdentityTokenSigner { Material(key: key) }
    }

    /// A signed token for `provider`'s user `subject` and application `audience`, valid for
    /// `lifetime` seconds from `now` (simulated clock). `extraClaims` adds claims such as
    /// `amr`.
    public func issue(provider: String, subject: String, audience: String, now: Double, lifetime: Double = 3600,
                      extraClaims: [String: [String]] = [:]) -> String {
        let material = try? material.get()
        let header: [String: Any] = ["alg": "RS256", "typ": "JWT", "kid": material?.keyId ?? ""]
        var payload: [String: Any] = [
            "iss": WebIdentityProviders.issuer(for: provider),
            "sub": subject,
            "aud": audience,
            "iat": Int(now),
            "nbf": Int(now),
            "exp": Int(now + lifetime),
        ]
        for (name, values) in extraClaims where payload[name] == nil {
            payload[name] = values.count == 1 ? values[0] : values
        }
        let signingInput = Base64URL.encode(Self.json(header)) + "." + Base64URL.encode(Self.json(payload))
        // Without a key the token goes out unsigned, and verification refuses it.
        let signature = (try? material?.key.sign(Array(signingInput.utf8))) ?? []
        return signingInput + "." + Base64URL.encode(signature)
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8))
    }

    /// Checks a token's form, signature and expiry (against `now`, the simulated clock).
    public func verify(_ token: String, now: Double) -> Result<WebIdentityToken, WebIdentityTokenError> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]),
              let header = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any],
              let payload = (try? JSONSerialization.jsonObject(with: Data(payloadBytes))) as? [String: Any],
              header["alg"] as? String == "RS256"
        else { return .failure(.malformed) }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard let key = try? material.get().key, key.verify(signingInput, signature: signature) else {
            return .failure(.badSignature)
        }
        var claims: [String: [String]] = [:]
        for (name, value) in payload {
            switch value {
            case let s as String: claims[name] = [s]
            case let list as [Any]: claims[name] = list.map { "\($0)" }
            case let n as NSNumber: claims[name] = [n.stringValue]
            default: continue
            }
        }
        let exp = (payload["exp"] as? NSNumber)?.doubleValue ?? 0
        let iat = (payload["iat"] as? NSNumber)?.doubleValue ?? 0
        guard let iss = claims["iss"]?.first, let sub = claims["sub"]?.first, let aud = claims["aud"]?.first else {
            return .failure(.malformed)
        }
        guard now < exp else { return .failure(.expired(now: Int(now), expiration: Int(exp))) }
        return .success(WebIdentityToken(issuer: iss, subject: sub, audience: aud, issuedAt: iat, expiresAt: exp, claims: claims))
    }
}
