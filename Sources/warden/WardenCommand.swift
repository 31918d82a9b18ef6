import ArgumentParser
import FoundationEssentials
import WardenSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
                OutputFile.standardError.write((fullMessage(for: error) + "\n"))
                terminate(2)
            }
            exit(withError: error)
        }
    }
}

/// Ends the process with `code` (ArgumentParser's `exit(withError:)` takes the name `exit`).
func terminate(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
}
