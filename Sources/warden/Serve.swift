import ArgumentParser
import Dispatch
import FoundationEssentials
import Identity
import Logging
import WardenServer
import WardenTLS
import WardenSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free port).") var port = 8000
    @Option(name: .customLong("data-dir"), help: "Folder for the database.") var dataDir = "./warden-data"
    @Flag(name: .customLong("in-memory"), help: "Keep data in a private in-memory folder, removed at exit.") var inMemory = false
    @Option(help: "Default region.") var region = "us-east-1"
    @Option(name: .customLong("account-id"), help: "Default account id.") var accountId = "123456789012"
    @Option(help: "enforce (unknown keys refused) or permissive (unknown keys act as the first account's root).") var auth = "enforce"
    @Option(help: "Event-loop threads (0: one per core).") var threads = 0
    @Option(help: "Config file (JSON or YAML): accounts, users, roles, policies, organization guardrails. See docs/config.md.")
    var config: String?
    // [audit]
    @Option(name: .customLong("trail-dir"), help: "Folder for trails' CloudTrail-layout log and digest files (default: DATA_DIR/trails; a temporary folder with --in-memory).")
    var trailDir: String?
    @Option(name: .customLong("audit-log"), help: "Append every request's CloudTrail record to FILE as JSON lines (- for standard output).")
    var auditLog: String?
    // Limits and safety.
    @Option(name: .customLong("header-timeout"), help: "Seconds from a request's first byte until its headers are complete.")
    var headerTimeout = ServerLimits().headerTimeout
    @Option(name: .customLong("body-timeout"), help: "Seconds from a request's headers until its body is complete.")
    var bodyTimeout = ServerLimits().bodyTimeout
    @Option(name: .customLong("idle-timeout"), help: "Seconds a keep-alive connection may wait idle for its next request.")
    var idleTimeout = ServerLimits().idleTimeout
    @Option(name: .customLong("max-connections"), help: "Open connections at most; more are answered 503 and closed.")
    var maxConnections = ServerLimits().maxConnections

    // Network.
    @Flag(help: "Serve HTTPS (a self-signed certificate is made into DATA_DIR/tls unless --tls-cert/--tls-key name one).")
    var tls = false
    @Option(name: .customLong("tls-cert"), help: "PEM certificate (chain) for --tls.") var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls.") var tlsKey: String?
    @Option(name: .customLong("vpc-endpoint"), help: ArgumentHelp(
        "A simulated VPC endpoint on a listener of its own: ID[:VPC_ID[:ACCOUNT]]@HOST:PORT (repeatable; its policy comes from the config file's vpcEndpoints).",
        valueName: "endpoint"))
    var vpcEndpoints: [String] = []
    @Option(name: .customLong("regional-listener"), help: ArgumentHelp(
        "A listener that answers only requests signed for one region, as a regional endpoint does: REGION@HOST:PORT (repeatable).",
        valueName: "listener"))
    var regionalListeners: [String] = []

    // Logs (standard error).
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel = "info"
    @Option(name: .customLong("log-format"), help: "text (one line for people) or json (one object a line).")
    var logFormat = "text"
    @Flag(name: .customLong("access-log"), help: "One log line per request: request id, operation, principal, decision, status, latency (on by default at debug and trace).")
    var accessLog = false

    @Flag(name: .customLong("realistic-delays"), help: "Tables and indexes stay CREATING/UPDATING/DELETING for a few seconds, as in AWS (default: ACTIVE at once).")
    var realisticDelays = false
    @Option(name: .customLong("transition-seconds"), help: "How long CREATING/UPDATING/DELETING lasts (implies --realistic-delays; default 5 with it, 0 without).")
    var transitionSeconds: Double?
    @Option(name: .customLong("shard-rollover-seconds"), help: "How long a stream shard stays open before a child shard replaces it (default 14400, AWS's ~4 hours).")
    var shardRolloverSeconds: Double = 4 * 3600

    func run() throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard let format = LogFormat(rawValue: logFormat) else { throw ValidationError("--log-format must be text or json") }
        LoggingSystem.bootstrap { label in WardenLogHandler(label: label, format: format, level: level) }
        var config = WardenConfiguration()
        config.accessLog = (accessLog || level <= .debug) && level <= .info
        config.host = host
        config.port = port
        config.dataDirectory = dataDir
        config.inMemory = inMemory
        config.region = region
        config.accountId = accountId
        config.threads = threads
        for (name, seconds) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout)]
        where !(seconds > 0 && seconds <= 86_400) {
            throw ValidationError("\(name) must be more than 0 and at most 86400 seconds")
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        config.limits.headerTimeout = headerTimeout
        config.limits.bodyTimeout = bodyTimeout
        config.limits.idleTimeout = idleTimeout
        config.limits.maxConnections = maxConnections
        FileLimit.raise(toFit: maxConnections)
        config.trailDirectory = trailDir  // [audit]
        config.auditLogPath = auditLog
        config.transitionSeconds = transitionSeconds ?? (realisticDelays ? 5 : 0)
        guard shardRolloverSeconds >= 60 else { throw ValidationError("--shard-rollover-seconds must be at least 60") }
        config.shardRolloverSeconds = shardRolloverSeconds
        if let delivery = ProcessInfo.processInfo.environment["WARDEN_TRAIL_DELIVERY_SECONDS"].flatMap(Double.init) {
            config.trailDeliverySeconds = delivery
        }
        guard let mode = WardenConfiguration.AuthMode(rawValue: auth) else {
            throw ValidationError("--auth must be enforce or permissive")
        }
        config.authMode = mode
        if let path = self.config {
            do {
                config.identity = try ConfigLoader.load(path: path)
            } catch {
                OutputFile.standardError.write("warden: \(error)\n")
                throw ExitCode(2)
            }
        }

        if tls || tlsCert != nil || tlsKey != nil {
            guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
            let (cert, key) = (tlsCert, tlsKey)
            config.tls = WardenConfiguration.TLSOptions { dataFolder in try TLSSetup(certificatePath: cert, keyPath: key, dataFolder: dataFolder) }
        }
        do {
            let account = config.identity?.accounts.first?.id.value ?? accountId
            let options = try vpcEndpoints.map { text throws(WardenConfiguration.VPCEndpointListener.SpecError) in
                try WardenConfiguration.VPCEndpointListener.parse(text, defaultAccount: account)
            }
            config.vpcEndpoints = try WardenConfiguration.VPCEndpointListener.combine(config: config.identity?.vpcEndpoints ?? [], options: options,
                                                                                      defaultAccount: account)
        } catch {
            OutputFile.standardError.write("warden: \(error.description)\n")
            throw ExitCode(2)
        }

        for text in regionalListeners {
            guard let listener = WardenConfiguration.RegionalListener.parse(text) else {
                OutputFile.standardError.write("warden: --regional-listener \(text): expected REGION@HOST:PORT\n")
                throw ExitCode(2)
            }
            config.regionalListeners.append(listener)
        }

        let warden: Warden
        do {
            warden = try Warden(configuration: config)
        } catch let error as IdentityError {
            OutputFile.standardError.write("warden: config: \(error.message)\n")
            throw ExitCode(2)
        } catch let error as ConfigError {
            OutputFile.standardError.write("warden: config: \(error.message)\n")
            throw ExitCode(2)
        }
        let bound: Int
        do {
            bound = try warden.start()
        } catch let error as ListenerSetupError {
            OutputFile.standardError.write("warden: \(error.message)\n")
            throw ExitCode(2)
        }
        let credentials = config.identity == nil
            ? "default credentials AWS_ACCESS_KEY_ID=\(config.defaultAccessKeyId) AWS_SECRET_ACCESS_KEY=\(config.defaultSecretAccessKey)"
            : "accounts \(warden.identity.accountIds.joined(separator: ", ")) from \(self.config ?? "")"
        let scheme = config.tls == nil ? "http" : "https"
        var network = ""
        if let certificate = warden.tlsCertificate {
            network += "; TLS certificate \(certificate.path)\(certificate.selfSigned ? " (self-signed)" : "") SHA-256 \(certificate.fingerprint)"
        }
        for endpoint in warden.vpcEndpointPorts {
            network += "; VPC endpoint \(endpoint.id) on \(scheme)://\(endpoint.host):\(endpoint.port)"
        }
        for regional in warden.regionalPorts {
            network += "; region \(regional.region) only on \(scheme)://\(regional.host):\(regional.port)"
        }
        say("Warden listening on \(scheme)://\(host):\(bound) — region \(region), account \(warden.identity.defaultAccountId ?? accountId), data \(warden.dataLocation), auth \(mode.rawValue), trails \(warden.trailDirectory); \(credentials)\(network)")

        // Clean shutdown on SIGINT/SIGTERM: stop accepting, finish queued writes, close the database.
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        warden.shutdown()
        say("Warden stopped.")
        _ = sources
    }
}

/// Writes a line to standard output unbuffered, so it shows at once even when piped.
func say(_ line: String) {
    OutputFile.standardOutput.write((line + "\n"))
}
