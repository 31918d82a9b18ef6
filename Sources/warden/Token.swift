import ArgumentParser
import FoundationEssentials
import WardenSupport

/// `warden token`: asks a running server for a web identity token (signed with the server's
/// key) to pass to AssumeRoleWithWebIdentity — the stand-in for signing in with Login with
/// Amazon, Google or Cognito. Authenticated as an account root with the usual AWS
/// environment variables.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue a web identity token (JWT) for AssumeRoleWithWebIdentity (signed as an account root).")

    @Option(help: "The server's endpoint URL.") var endpoint = "http://localhost:8000"
    @Option(help: "Identity provider: www.amazon.com, graph.facebook.com, accounts.google.com, cognito-identity.amazonaws.com, or an OpenID Connect host.")
    var provider: String
    @Option(help: "The user's id at the provider (the token's sub), e.g. amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A.")
    var subject: String
    @Option(help: "The application id (the token's aud).") var audience: String?
    @Option(name: .customLong("expires-in"), help: "Seconds the token is valid (simulated clock).") var expiresIn: Int = 3600
    @Option(name: .customLong("claim"), help: "An extra claim NAME=VALUE (repeat for lists), e.g. amr=authenticated.")
    var claims: [String] = []

    func run() throws {
        guard let url = URL(string: endpoint) else { throw ValidationError("bad --endpoint") }
        var extra: [String: [String]] = [:]
        for claim in claims {
            guard let eq = claim.firstIndex(of: "=") else { throw ValidationError("--claim must be NAME=VALUE") }
            extra[String(claim[..<eq]), default: []].append(String(claim[claim.index(after: eq)...]))
        }
        var request: [(String, JSONValue)] = []
        if let audience { request.append(("audience", .string(audience))) }
        if !extra.isEmpty {
            request.append(("claims", .object(extra.keys.sorted().map { ($0, .array(extra[$0]!.map { .string($0) })) })))
        }
        request += [("expiresInSeconds", .int(expiresIn)), ("provider", .string(provider)), ("subject", .string(subject))]
        let (status, answer) = try SignedHTTP(endpoint: url).send(method: "POST", path: "/_warden/token", body: JSONWriter.encode(.object(request)))
        guard status == 200, let token = (try? JSONParser.parse(answer))?["token"]?.stringValue else {
            OutputFile.standardError.write("warden token: HTTP \(status): \(String(decoding: answer, as: UTF8.self))\n")
            throw ExitCode(1)
        }
        print(token)
    }
}
