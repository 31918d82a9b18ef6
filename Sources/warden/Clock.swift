import ArgumentParser

struct Clock: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read or advance a running server's simulated clock.")

    @Option(help: "The server's endpoint URL.") var endpoint = "http://localhost:8000"
    @Option(help: "Seconds to move the clock forward.") var advance: Double?

    func run() throws {
        throw ValidationError("not yet available")
    }
}
