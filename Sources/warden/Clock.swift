import ArgumentParser
import FoundationEssentials
import WardenSupport

struct Clock: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read or advance a running server's simulated clock (signed as an account root).")

    @Option(help: "The server's endpoint URL.") var endpoint = "http://localhost:8000"
    @Option(help: "Seconds to move the clock forward.") var advance: Double?

    func run() throws {
        guard let url = URL(string: endpoint) else { throw ValidationError("bad --endpoint") }
        let http = SignedHTTP(endpoint: url)
        let (status, body): (Int, [UInt8])
        if let advance {
            guard advance >= 0 else { throw ValidationError("--advance must not be negative") }
            (status, body) = try http.send(method: "POST", path: "/_warden/clock", body: Array("{\"advanceSeconds\":\(advance)}".utf8))
        } else {
            (status, body) = try http.send(method: "GET", path: "/_warden/clock", body: [])
        }
        guard status == 200, let now = (try? JSONParser.parse(body))?["now"]?.stringValue else {
            OutputFile.standardError.write("warden clock: HTTP \(status): \(String(decoding: body, as: UTF8.self))\n")
            throw ExitCode(1)
        }
        print(now)
    }
}
