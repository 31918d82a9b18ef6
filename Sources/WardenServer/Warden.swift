import AuditTrail
import DynamoModel
import DynamoOperations
import DynamoStorage
import AccessPolicy
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Identity
import Logging
import KMS
import AWSBackup
import AppAutoScaling

/// A running Warden: storage, services, pipeline and the HTTP listener, assembled from a
/// configuration.
public final class Warden {
    public let configuration: WardenConfiguration
    public let clock: WardenClock
    public let store: Store
    public let pipeline: Pipeline
    /// Accounts, identities and STS sessions.
    public let identity: IdentityDirectory
    let server: HTTPServer
    let sweeper: TTLSweeper
    let pruner: HistoryPruner  // [pitr] history retention, closed streams, expired system backups
    /// [global] Applies queued changes of global tables to their other replicas.
    let replicator: Replicator
    /// [audit] CloudTrail records, trails, digests.
    public let auditTrail: AuditTrail
    /// [kms] KMS keys, aliases and grants.
    public let kms: KMSService
    /// [backup] AWS Backup's vaults, plans, selections and jobs; Application Auto Scaling's
    /// scalable targets and policies.
    public let backup: BackupService
    public let autoScaling: ScalingService
    let backupScheduler: BackupScheduler
    /// The database folder to remove at exit (in-memory mode).
    let temporaryDirectory: String?
    public private(set) var port: Int
    /// The database folder (also holds the self-signed TLS certificate).
    let dataFolder: String
    /// `--tls`: the certificate's file and SHA-256 fingerprint, once started.
    public private(set) var tlsCertificate: (path: String, fingerprint: String, selfSigned: Bool)?
    /// The bound port of each simulated VPC endpoint's listener, by endpoint id.
    public private(set) var vpcEndpointPorts: [(id: String, host: String, port: Int)] = []
    /// The bound port of each regional listener.
    public private(set) var regionalPorts: [(region: String, host: String, port: Int)] = []

    public init(configuration: WardenConfiguration) throws {
        self.configuration = configuration
        var directory = configuration.dataDirectory ?? "./warden-data"
        var temporary: String?
        if configuration.inMemory {
            // A private folder in memory-backed storage: SQLite's :memory: cannot be shared by
            // several connections without giving up WAL's concurrent readers.
            let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : PathText.temporaryFolder
            directory = base + "/warden-\(getpid())-\(UUID().uuidString.prefix(8))"
            temporary = directory
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        temporaryDirectory = temporary
        dataFolder = directory
        store = try Store(path: directory + "/warden.sqlite")
        try BackupStorage.migrate(store)  // [pitr] backups and the stream registry
        try ReplicationStorage.migrate(store)  // [global] replication outbox and item versions
        let offset = try store.read { try $0.meta("clock_offset") }.flatMap(Double.init) ?? 0
        clock = WardenClock(offsetSeconds: offset)
        let service = try DynamoService(store: store, clock: clock, transitionSeconds: configuration.transitionSeconds,
                                        shardRolloverSeconds: configuration.shardRolloverSeconds)
        pruner = HistoryPruner(service: service)  // [pitr]
        identity = try IdentityDirectory(store: store, clock: clock)
        try ConfigApplier.apply(configuration.identity ?? .standard(accountId: configuration.accountId,
                                                                     accessKeyId: configuration.defaultAccessKeyId,
                                                                     secretAccessKey: configuration.defaultSecretAccessKey),
                                to: identity)
        let authenticator = Authenticator(configuration: configuration, directory: identity, clock: clock)
        let decisions = DecisionLog()
        // [kms] Keys in the database, their material wrapped under the data directory's master secret.
        let masterSecret = try MasterSecret.load(directory: directory)
        kms = KMSService(keys: try KeyStore(store: store, masterSecret: masterSecret, clock: clock))
        // [kms] Encryption at rest: item payloads sealed under per-table data keys.
        let dataKeys = try TableDataKeys(store: store, masterSecret: masterSecret, kms: kms.keys)
        store.sealing.install(dataKeys)
        let authorizer = Authorizer(directory: identity, catalog: service.catalog, log: decisions, kms: kms)
        let dynamo = DynamoEndpoint(service: service, authenticator: authenticator, authorizer: authorizer, clock: clock)
        // [audit]
        auditTrail = try Self.makeAuditTrail(configuration: configuration, dataDirectory: directory, store: store, clock: clock, service: service)
        // TTL deletions are service actions: CloudTrail shows them as AWSService events.
        sweeper = TTLSweeper(service: service) { [auditTrail] table, key in
            auditTrail.serviceEvent(eventName: "DeleteItem", account: table.account, region: table.region, tableName: table.name,
                                    requestParameters: ["tableName": .string(table.name), "key": AuditKey.plain(key)])
        }
        // [global] Replicated writes are the replication role's calls in the replica's region.
        replicator = Replicator(service: service) { [auditTrail] applied in
            for change in applied {
                auditTrail.replicationEvent(eventName: change.deleted ? "DeleteItem" : "PutItem", account: change.table.account,
                                            region: change.table.region, tableName: change.table.name,
                                            key: AuditKey.plain(change.key))
            }
        }
        let steps = EndpointSteps(authenticator: authenticator, authorizer: authorizer, clock: clock)
        let admin = AdminEndpoint(steps: steps, store: store, decisions: decisions, auditTrail: auditTrail, service: service)
        let query = QueryEndpoint(directory: identity, authenticator: authenticator, authorizer: authorizer, clock: clock)
        let tokens = WebIdentityTokenEndpoint(steps: steps, directory: identity)
        let cloudTrail = CloudTrailEndpoint(trail: auditTrail, authenticator: authenticator, authorizer: authorizer, clock: clock)
        let hook = AuditHook(trail: auditTrail, account: configuration.accountId, region: configuration.region, clock: clock, directory: identity)
        service.tableKeys.install(DynamoTableKeys(kms: kms, trail: auditTrail, dataKeys: dataKeys))  // [kms]
        let kmsEndpoint = KMSEndpoint(service: kms, steps: steps)
        // [backup]
        backup = BackupService(store: try BackupStore(store: store, clock: clock), tables: DynamoBackupTables(service: service))
        backupScheduler = BackupScheduler(service: backup, logger: Self.log)
        autoScaling = ScalingService(store: try ScalingStore(store: store, clock: clock), tables: DynamoScalingTables(service: service))
        let backupEndpoint = BackupEndpoint(service: backup, steps: steps)
        let scalingEndpoint = AutoScalingEndpoint(service: autoScaling, steps: steps)
        pipeline = Pipeline(dynamo: dynamo, admin: admin, query: query, tokens: tokens, cloudTrail: cloudTrail, audit: hook,
                            region: configuration.region, kms: kmsEndpoint, backup: backupEndpoint, autoScaling: scalingEndpoint,
                            accessLog: configuration.accessLog ? AccessLog() : nil)
        server = HTTPServer(threads: configuration.threads, limits: configuration.limits)
        port = configuration.port
    }

    /// Binds the listener; returns the bound port (useful with port 0).
    @discardableResult
    public func start() throws -> Int {
        var tls: (any TransportSecurity)?
        if let options = configuration.tls {
            let setup = try options.make(dataFolder)
            tlsCertificate = (setup.certificatePath, setup.fingerprint, setup.selfSigned)
            tls = setup
        }
        port = try server.start(host: configuration.host, port: configuration.port, pipeline: pipeline, listener: Listener(tls: tls))
        for endpoint in configuration.vpcEndpoints {
            let policy = try endpoint.policy.map { text in
                let arn = VPCEndpoint.arn(id: endpoint.id, accountId: endpoint.accountId, region: configuration.region)
                do {
                    return AttachedPolicy(id: arn, name: endpoint.id, sourceType: .resource, policy: try Policy.parse(text, kind: .resource))
                } catch let error as PolicyParseError {
                    throw ListenerSetupError("VPC endpoint \(endpoint.id): MalformedPolicyDocument: \(error.message)")
                }
            }
            let listener = Listener(tls: tls, vpcEndpoint: VPCEndpoint(id: endpoint.id, vpcId: endpoint.vpcId, accountId: endpoint.accountId, policy: policy))
            let bound = try server.start(host: endpoint.host, port: endpoint.port, pipeline: pipeline, listener: listener)
            vpcEndpointPorts.append((endpoint.id, endpoint.host, bound))
        }
        for regional in configuration.regionalListeners {
            let bound = try server.start(host: regional.host, port: regional.port, pipeline: pipeline,
                                         listener: Listener(tls: tls, region: regional.region))
            regionalPorts.append((regional.region, regional.host, bound))
        }
        MemoryReturn.startPeriodicTrim()
        sweeper.start()
        pruner.start()  // [pitr]
        replicator.start()  // [global]
        backupScheduler.start()  // [backup]
        auditTrail.start()  // [audit]
        return port
    }

    public var dataLocation: String {
        temporaryDirectory.map { "\($0) (in memory, removed at exit)" } ?? (configuration.dataDirectory ?? "./warden-data")
    }

    /// Stops accepting, joins the background threads (a TTL sweep or pruning pass under way
    /// finishes first), delivers the audit queue, finishes queued writes, closes the database.
    public func shutdown() {
        server.stop()
        sweeper.stop()
        pruner.stop()  // [pitr]
        replicator.stop()  // [global]
        backupScheduler.stop()  // [backup]
        auditTrail.shutdown()  // [audit] every queued record delivered, final digests written
        store.close()
        if let temporaryDirectory {
            do {
                try FileManager.default.removeItem(atPath: temporaryDirectory)
            } catch {
                Self.log.error("cannot remove the in-memory data folder", metadata: ["path": .string(temporaryDirectory),
                                                                                     "error": .string(String(describing: error))])
            }
        }
    }

    static let log = Logger(label: "warden")
}

/// An item key as CloudTrail shows it in `requestParameters.key`: attribute name to plain value.
enum AuditKey {
    static func plain(_ key: Item) -> JSONValue {
        var plain: [(String, JSONValue)] = []
        for (name, value) in key.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .s(let s): plain.append((name.string, .string(s)))
            case .n(let n): plain.append((name.string, .string(n.description)))
            case .b(let b): plain.append((name.string, .string(Base64.encode(b))))
            default: break
            }
        }
        return .object(plain)
    }
}
