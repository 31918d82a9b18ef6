import DynamoModel
import DynamoStorage
import FoundationEssentials

/// Taking backups (on-demand, and the system backup AWS keeps when a table with PITR is
/// deleted) and reading them back.
enum BackupSnapshot {
    /// System backups of deleted tables are kept for 35 days
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html).
    static let systemRetention: Double = 35 * 86_400

    /// `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/backup/0` + 13-digit epoch milliseconds +
    /// `-` + 8 hex digits, as AWS forms them.
    static func arn(table: TableDefinition, now: Double) -> String {
        let millis = String(Int64((now * 1000).rounded(.down))).leftPadded(to: 14)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16).leftPadded(to: 8)
        return "\(table.arn)/backup/\(millis)-\(suffix)"
    }

    /// Snapshots `table` (definition and every item) inside the writer's transaction.
    static func take(_ table: TableDefinition, name: String, type: String, writer: StorageWriter, now: Double) throws -> BackupRecord {
        let counters = try writer.reader.counters(storageId: table.storageId)
        var record = BackupRecord(arn: arn(table: table, now: now), account: table.account, region: table.region, tableName: table.name,
                                  name: name, type: type, createdAt: now, expiresAt: type == "SYSTEM" ? now + systemRetention : nil,
                                  definition: try DynamoService.encodeDefinition(table), itemCount: counters.itemCount, sizeBytes: counters.sizeBytes)
        record.id = try writer.insertBackup(record, copyingItemsOf: table.storageId)
        return record
    }

    static func definition(of record: BackupRecord) throws(DynamoError) -> TableDefinition {
        do {
            return try JSONDecoder().decode(TableDefinition.self, from: Data(record.definition))
        } catch {
            throw .internalFailure()
        }
    }

    /// Whether a backup still exists at `now` (system backups expire; the pruner removes them later).
    static func isLive(_ record: BackupRecord, now: Double) -> Bool {
        record.expiresAt.map { now < $0 } ?? true
    }

    /// The live backup with this ARN, or AWS's BackupNotFoundException.
    static func require(_ arn: String, reader: StorageReader, now: Double) throws -> BackupRecord {
        guard let record = try reader.backup(arn: arn), isLive(record, now: now) else { throw DynamoError.backupNotFound(arn) }
        return record
    }

    /// The backup ARN parameter: 37–1024 characters.
    static func readArn(_ p: Params) throws(DynamoError) -> String {
        var c = Constraints()
        let arn = try p.string("BackupArn")
        c.notNull(arn, at: "backupArn")
        c.length(arn, at: "backupArn", min: 37, max: 1024)
        try c.check()
        return arn ?? ""
    }

    /// Backups have no resource-based policy (DynamoDB attaches them to tables and streams
    /// only): checks on a backup ARN name this empty policy resource so that the table's
    /// policy is not applied to its backups.
    static let noResourcePolicy = ""

    /// The account a backup ARN names (for authorization), or the caller's.
    static func account(of arn: String, env: RequestEnvironment) -> String {
        TableArn(arn)?.account ?? env.accountId
    }
}

/// The shapes of DescribeBackup, CreateBackup and ListBackups.
enum BackupRendering {
    static func details(_ b: BackupRecord, status: String) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("BackupArn", .string(b.arn)),
            ("BackupName", .string(b.name)),
            ("BackupSizeBytes", .int64(b.sizeBytes)),
            ("BackupStatus", .string(status)),
            ("BackupType", .string(b.type)),
            ("BackupCreationDateTime", .timestamp(b.createdAt)),
        ]
        if let expires = b.expiresAt { m.append(("BackupExpiryDateTime", .timestamp(expires))) }
        return .object(m)
    }

    static func description(_ b: BackupRecord, status: String) throws(DynamoError) -> JSONValue {
        let t = try BackupSnapshot.definition(of: b)
        var source: [(String, JSONValue)] = [
            ("TableName", .string(t.name)),
            ("TableId", .string(t.tableId)),
            ("TableArn", .string(t.arn)),
            ("TableSizeBytes", .int64(b.sizeBytes)),
            ("KeySchema", t.keySchema.json),
            ("TableCreationDateTime", .timestamp(t.createdAt)),
            ("ProvisionedThroughput", throughput(t.billingMode == .provisioned ? t.provisioned : .zero)),
        ]
        if let od = t.onDemand { source.append(("OnDemandThroughput", TableDescription.onDemand(od))) }
        source.append(("ItemCount", .int64(b.itemCount)))
        source.append(("BillingMode", .string(t.billingMode.rawValue)))
        var features: [(String, JSONValue)] = []
        if !t.localIndexes.isEmpty {
            features.append(("LocalSecondaryIndexes", .array(t.localIndexes.map { i in
                ["IndexName": .string(i.name), "KeySchema": i.keySchema.json, "Projection": TableDescription.projection(i.projection)]
            })))
        }
        if !t.globalIndexes.isEmpty {
            features.append(("GlobalSecondaryIndexes", .array(t.globalIndexes.map { i in
                var g: [(String, JSONValue)] = [("IndexName", .string(i.name)), ("KeySchema", i.keySchema.json),
                                                ("Projection", TableDescription.projection(i.projection))]
                g.append(("ProvisionedThroughput", throughput(t.billingMode == .provisioned ? (i.provisioned ?? .zero) : .zero)))
                if let od = i.onDemand { g.append(("OnDemandThroughput", TableDescription.onDemand(od))) }
                return .object(g)
            })))
        }
        if let stream = t.stream, stream.enabled {
            features.append(("StreamDescription", ["StreamEnabled": true, "StreamViewType": .string(stream.viewType)]))
        }
        if let ttl = t.ttl, ttl.enabled {
            features.append(("TimeToLiveDescription", ["TimeToLiveStatus": "ENABLED", "AttributeName": .string(ttl.attributeName)]))
        }
        if let sse = t.sse {
            var d: [(String, JSONValue)] = [("Status", "ENABLED"), ("SSEType", .string(sse.sseType))]
            if let arn = sse.kmsMasterKeyArn { d.append(("KMSMasterKeyArn", .string(arn))) }
            features.append(("SSEDescription", .object(d)))
        }
        var m: [(String, JSONValue)] = [("BackupDetails", details(b, status: status)), ("SourceTableDetails", .object(source))]
        if !features.isEmpty { m.append(("SourceTableFeatureDetails", .object(features))) }
        return .object(m)
    }

    static func summary(_ b: BackupRecord) throws(DynamoError) -> JSONValue {
        let t = try BackupSnapshot.definition(of: b)
        var m: [(String, JSONValue)] = [
            ("TableName", .string(t.name)),
            ("TableId", .string(t.tableId)),
            ("TableArn", .string(t.arn)),
            ("BackupArn", .string(b.arn)),
            ("BackupName", .string(b.name)),
            ("BackupCreationDateTime", .timestamp(b.createdAt)),
        ]
        if let expires = b.expiresAt { m.append(("BackupExpiryDateTime", .timestamp(expires))) }
        m.append(("BackupStatus", "AVAILABLE"))
        m.append(("BackupType", .string(b.type)))
        m.append(("BackupSizeBytes", .int64(b.sizeBytes)))
        return .object(m)
    }

    /// ProvisionedThroughput as backups describe it (units only).
    static func throughput(_ p: ProvisionedThroughput) -> JSONValue {
        ["ReadCapacityUnits": .int64(p.read), "WriteCapacityUnits": .int64(p.write)]
    }
}
