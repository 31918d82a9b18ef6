import ArgumentParser
import FoundationEssentials
import WardenSupport

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a request was allowed or denied (by its x-amzn-RequestId), signed as an account root.")

    @Argument(help: "The request id (the x-amzn-RequestId response header).") var requestId: String
    @Option(help: "The server's endpoint URL.") var endpoint = "http://localhost:8000"
    @Flag(help: "Print the decision as JSON.") var json = false

    func run() throws {
        guard let url = URL(string: endpoint) else { throw ValidationError("bad --endpoint") }
        let (status, body) = try SignedHTTP(endpoint: url).send(method: "GET", path: "/_warden/explain/\(requestId)", body: [],
                                                                headers: [("Accept", json ? "application/json" : "text/plain")])
        guard status == 200 else {
            OutputFile.standardError.write("warden explain: HTTP \(status): \(String(decoding: body, as: UTF8.self))\n")
            throw ExitCode(1)
        }
        OutputFile.standardOutput.write(body)
        if json { print() }
    }
}
