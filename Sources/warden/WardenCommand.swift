import ArgumentParser

@main
struct WardenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warden",
        abstract: "A local DynamoDB-compatible server that enforces AWS security.",
        subcommands: [Serve.self, Clock.self, Explain.self, Token.self, Trail.self],
        defaultSubcommand: Serve.self
    )
}
