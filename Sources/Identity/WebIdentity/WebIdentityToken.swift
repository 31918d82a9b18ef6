import WardenSupport
import DynamoModel

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
        let header: [String: JSONValue] = ["alg": "RS256", "typ": "JWT", "kid": .string(material?.keyId ?? "")]
        var payload: [String: JSONValue] = [
            "iss": .string(WebIdentityProviders.issuer(for: provider)),
            "sub": .string(subject),
            "aud": .string(audience),
            "iat": .int(Int(now)),
            "nbf": .int(Int(now)),
            "exp": .int(Int(now + lifetime)),
        ]
        for (name, values) in extraClaims where payload[name] == nil {
            payload[name] = values.count == 1 ? .string(values[0]) : .array(values.map { .string($0) })
        }
        let signingInput = Base64URL.encode(Self.json(header)) + "." + Base64URL.encode(Self.json(payload))
        // Without a key the token goes out unsigned, and verification refuses it.
        let signature = (try? material?.key.sign(Array(signingInput.utf8))) ?? []
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Compact JSON with the members in key order.
    static func json(_ object: [String: JSONValue]) -> [UInt8] {
        JSONWriter.encode(.object(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    /// A claim's value as text: numbers as JSON wrote them (integers without a fraction),
    /// booleans as 1 and 0, strings as they are.
    static func claimText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "1" : "0"
        case .number(let n):
            if let i = Int64(n) { return String(i) }
            if let d = Double(n) { return d == d.rounded() && d.magnitude < 9e15 ? String(Int64(d)) : String(d) }
            return n
        default: return nil
        }
    }

    static func claimNumber(_ value: JSONValue?) -> Double {
        switch value {
        case .number(let n)?: return Double(n) ?? 0
        case .bool(let b)?: return b ? 1 : 0
        default: return 0
        }
    }

    /// Checks a token's form, signature and expiry (against `now`, the simulated clock).
    public func verify(_ token: String, now: Double) -> Result<WebIdentityToken, WebIdentityTokenError> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]),
              let header = try? JSONParser.parse(headerBytes), case .object(_) = header,
              let payloadValue = try? JSONParser.parse(payloadBytes), case .object(let members) = payloadValue,
              header["alg"]?.stringValue == "RS256"
        else { return .failure(.malformed) }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard let key = try? material.get().key, key.verify(signingInput, signature: signature) else {
            return .failure(.badSignature)
        }
        // The last of duplicate members wins, as it did when the payload was a dictionary.
        var payload: [String: JSONValue] = [:]
        for (name, value) in members { payload[name] = value }
        var claims: [String: [String]] = [:]
        for (name, value) in payload {
            switch value {
            case .array(let list): claims[name] = list.map { Self.claimText($0) ?? JSONWriter.string($0) }
            default: if let text = Self.claimText(value) { claims[name] = [text] }
            }
        }
        let exp = Self.claimNumber(payload["exp"])
        let iat = Self.claimNumber(payload["iat"])
        guard let iss = claims["iss"]?.first, let sub = claims["sub"]?.first, let aud = claims["aud"]?.first else {
            return .failure(.malformed)
        }
        guard now < exp else { return .failure(.expired(now: Int(now), expiration: Int(exp))) }
        return .success(WebIdentityToken(issuer: iss, subject: sub, audience: aud, issuedAt: iat, expiresAt: exp, claims: claims))
    }
}
