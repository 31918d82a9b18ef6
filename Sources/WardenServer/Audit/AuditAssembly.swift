import AuditTrail
import DynamoModel
import DynamoOperations
import DynamoStorage
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Warden {
    /// The audit trail of a server: trails under `--trail-dir` (default `DATA_DIR/trails`; a
    /// temporary folder, kept at exit, with `--in-memory`), and the key schemas its redaction
    /// reads from the table catalog.
    static func makeAuditTrail(configuration: WardenConfiguration, dataDirectory: String, store: Store, clock: WardenClock,
                               service: DynamoService) throws -> AuditTrail {
        var folder = configuration.trailDirectory
        if folder == nil {
            folder = configuration.inMemory
                ? PathText.temporaryFolder + "warden-trails-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
                : dataDirectory + "/trails"
        }
        var settings = AuditTrail.Configuration(trailDirectory: folder!, auditLogPath: configuration.auditLogPath)
        settings.deliveryInterval = configuration.trailDeliverySeconds
        settings.digestInterval = configuration.digestIntervalSeconds
        settings.recentCapacity = configuration.recentAuditEvents
        let catalog = service.catalog
        return try AuditTrail(store: store, clock: clock, configuration: settings) { account, region, nameOrArn in
            let key: TableKey
            if let arn = TableArn(nameOrArn) {
                key = TableKey(account: arn.account, region: arn.region, name: arn.name)
            } else {
                key = TableKey(account: account, region: region, name: nameOrArn)
            }
            return catalog.get(key)?.keySchema.attributeNames
        }
    }

    /// Where trails' log files are written.
    public var trailDirectory: String { auditTrail.configuration.trailDirectory }
}
