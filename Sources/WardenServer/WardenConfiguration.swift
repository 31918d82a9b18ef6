import Identity

/// How a Warden instance runs.
public struct WardenConfiguration: Sendable {
    public enum AuthMode: String, Sendable {
        /// Unknown keys are refused.
        case enforce
        /// Unknown keys are accepted as the first account's root; known keys must still verify.
        case permissive
    }

    public var host = "127.0.0.1"
    public var port = 8000
    /// Folder of the database file; nil with `inMemory`.
    public var dataDirectory: String? = "./warden-data"
    public var inMemory = false
    public var region = "us-east-1"
    public var accountId = "123456789012"
    public var authMode: AuthMode = .enforce
    /// Root credentials of the default account when no config file says otherwise.
    public var defaultAccessKeyId = "test"
    public var defaultSecretAccessKey = "test"
    /// Event-loop threads (0: one per core).
    public var threads = 0
    /// Timeouts, the connection cap and the body limit (`warden serve --header-timeout …`).
    public var limits = ServerLimits()
    /// Accounts, identities and organization guardrails from `--config FILE`; nil: one
    /// account (`accountId`) whose root key is `defaultAccessKeyId`/`defaultSecretAccessKey`.
    public var identity: IdentityConfig?
    // [audit] Audit trail: where trails' log files go (nil: DATA_DIR/trails, or a temporary
    // folder with inMemory), the JSON-lines stream of every request (`-`: stdout), and timing.
    public var trailDirectory: String?
    public var auditLogPath: String?
    public var trailDeliverySeconds: Double = 5
    public var digestIntervalSeconds: Double = 3600
    /// Events kept in memory for `/_warden/audit` (`warden trail tail`).
    public var recentAuditEvents = 10_000
    /// How long tables and indexes stay CREATING / UPDATING / DELETING (0: ACTIVE at once).
    public var transitionSeconds: Double = 0
    /// How long a stream shard stays open before a child shard replaces it (AWS: about 4 hours).
    public var shardRolloverSeconds: Double = 4 * 3600
    /// One log line per request (`warden serve --access-log`).
    public var accessLog = false

    /// `--tls`: the public listener serves HTTPS (nil: plain HTTP).
    public var tls: TLSOptions?
    /// Simulated VPC endpoints, each a listener of its own (`--vpc-endpoint`, config `vpcEndpoints`).
    public var vpcEndpoints: [VPCEndpointListener] = []
    /// Listeners bound to one region each (`--regional-listener REGION@HOST:PORT`).
    public var regionalListeners: [RegionalListener] = []

    public struct RegionalListener: Sendable, Equatable {
        public var region: String
        public var host: String
        public var port: Int
        public init(region: String, host: String, port: Int) {
            self.region = region
            self.host = host
            self.port = port
        }

        /// `REGION@HOST:PORT`.
        public static func parse(_ text: String) -> RegionalListener? {
            guard let at = text.firstIndex(of: "@") else { return nil }
            let region = String(text[..<at])
            let address = text[text.index(after: at)...]
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  !region.isEmpty, region.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else { return nil }
            var host = String(address[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty else { return nil }
            return RegionalListener(region: region, host: host, port: port)
        }
    }

    public struct TLSOptions: Sendable {
        /// Makes the listeners' TLS once the data folder is known (`WardenTLS.TLSSetup`).
        public var make: @Sendable (_ dataFolder: String) throws -> any TransportSecurity
        public init(make: @escaping @Sendable (_ dataFolder: String) throws -> any TransportSecurity) {
            self.make = make
        }
    }

    public struct VPCEndpointListener: Sendable, Equatable {
        public var id: String
        public var vpcId: String
        public var accountId: String
        public var host: String
        public var port: Int
        /// The endpoint policy's JSON text (nil: AWS's default full-access policy).
        public var policy: String?
        public init(id: String, vpcId: String, accountId: String, host: String, port: Int, policy: String? = nil) {
            self.id = id
            self.vpcId = vpcId
            self.accountId = accountId
            self.host = host
            self.port = port
            self.policy = policy
        }
    }

    public init() {}
}
