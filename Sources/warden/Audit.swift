import ArgumentParser
import FoundationEssentials
import PostureAudit
import WardenSupport

/// `warden audit`: a security-posture report of the caller's tables and their surroundings
/// (identity policies, trails, backup plans, auto scaling), from the same public APIs any client calls, signed with the
/// usual AWS environment variables. Exit 0: no finding at or above --fail-on (or none given);
/// 1: some; 2: usage or connection error.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report security-posture findings for a running server's tables (Security Hub's DynamoDB controls and more).")

    @Option(help: "The server's endpoint URL.") var endpoint = "http://localhost:8000"
    @Option(help: "text, json or sarif.") var format = "text"
    @Option(name: .customLong("fail-on"), help: "Exit 1 when any finding is at or above this severity: info, low, medium, high or critical (default: never).")
    var failOn: String?

    func validate() throws {
        guard ["text", "json", "sarif"].contains(format) else { throw ValidationError("--format must be text, json or sarif") }
        if let failOn, Severity(name: failOn) == nil {
            throw ValidationError("--fail-on must be info, low, medium, high or critical")
        }
        guard let url = URL(string: endpoint), url.host != nil, ["http", "https"].contains(url.scheme ?? "") else {
            throw ValidationError("bad --endpoint: \(endpoint)")
        }
    }

    func run() throws {
        let snapshot: PostureSnapshot
        do {
            snapshot = try PostureFetch(http: SignedHTTP(endpoint: URL(string: endpoint)!)).snapshot()
        } catch {
            OutputFile.standardError.write("warden audit: \(error)\n")
            throw ExitCode(2)
        }
        let findings = PostureAudit.run(snapshot)
        let report: String
        switch format {
        case "json": report = JSONReport.render(findings)
        case "sarif": report = SARIFReport.render(findings, toolVersion: "1.0.0")
        default: report = TextReport.render(findings)
        }
        OutputFile.standardOutput.write(report)
        if let failOn, let threshold = Severity(name: failOn), PostureAudit.fails(findings, at: threshold) { throw ExitCode(1) }
    }
}
