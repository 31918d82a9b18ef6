import DynamoModel
import DynamoOperations
import DynamoStorage
import Foundation
import Identity

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
    /// The database folder to remove at exit (in-memory mode).
    let temporaryDirectory: String?
    public private(set) var port: Int

    public init(configuration: WardenConfiguration) throws {
        self.configuration = configuration
        var directory = configuration.dataDirectory ?? "./warden-data"
        var temporary: String?
        if configuration.inMemory {
            // A private folder in memory-backed storage: SQLite's :memory: cannot be shared by
            // several connections without giving up WAL's concurrent readers.
            let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
            directory = base + "/warden-\(getpid())-\(UUID().uuidString.prefix(8))"
            temporary = directory
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        temporaryDirectory = temporary
        store = try Store(path: directory + "/warden.sqlite")
        try BackupStorage.migrate(store)  // [pitr] backups and the stream registry
        let offset = (try? store.read { try $0.meta("clock_offset") }).flatMap { $0.flatMap(Double.init) } ?? 0
        clock = WardenClock(offsetSeconds: offset)
        let service = try DynamoService(store: store, clock: clock)
        sweeper = TTLSweeper(service: service)
        pruner = HistoryPruner(service: service)  // [pitr]
        identity = try IdentityDirectory(store: store, clock: clock)
        try ConfigApplier.apply(configuration.identity ?? .standard(accountId: configuration.accountId,
                                                                     accessKeyId: configuration.defaultAccessKeyId,
                                                                     secretAccessKey: configuration.defaultSecretAccessKey),
                                to: identity)
        let authenticator = Authenticator(configuration: configuration, directory: identity, clock: clock)
        let decisions = DecisionLog()
        let dynamo = DynamoEndpoint(service: service, authenticator: authenticator, authorizer: Authorizer(directory: identity, catalog: service.catalog, log: decisions), clock: clock)
        let admin = AdminEndpoint(authenticator: authenticator, clock: clock, store: store, decisions: decisions)
        let query = QueryEndpoint(directory: identity, authenticator: authenticator, clock: clock)
        let tokens = WebIdentityTokenEndpoint(authenticator: authenticator, directory: identity, clock: clock)
        pipeline = Pipeline(dynamo: dynamo, admin: admin, query: query, tokens: tokens, region: configuration.region)
        server = HTTPServer(threads: configuration.threads)
        port = configuration.port
    }

    /// Binds the listener; returns the bound port (useful with port 0).
    @discardableResult
    public func start() throws -> Int {
        port = try server.start(host: configuration.host, port: configuration.port, pipeline: pipeline)
        sweeper.start()
        pruner.start()  // [pitr]
        return port
    }

    public var dataLocation: String {
        temporaryDirectory.map { "\($0) (in memory, removed at exit)" } ?? (configuration.dataDirectory ?? "./warden-data")
    }

    /// Stops accepting, finishes queued writes, closes the database.
    public func shutdown() {
        sweeper.stop()
        pruner.stop()  // [pitr]
        server.stop()
        store.close()
        if let temporaryDirectory { try? FileManager.default.removeItem(atPath: temporaryDirectory) }
    }
}
