import ArgumentParser
import Foundation

@main
struct WardenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warden",
        abstract: "A local DynamoDB-compatible server that enforces AWS security.",
        subcommands: [Serve.self, Clock.self, Explain.self, Token.self, Trail.self, Audit.self],
        defaultSubcommand: Serve.self
    )

    /// As ArgumentParser's, except that `warden audit` answers a usage error with exit code 2
    /// (1 is kept for "findings at or above --fail-on", so CI can tell the two apart).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if CommandLine.arguments.dropFirst().first == "audit", exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
