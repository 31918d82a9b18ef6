import DynamoModel
import DynamoStorage
import FoundationEssentials
import Logging

/// The `…Override` members shared by RestoreTableToPointInTime and RestoreTableFromBackup.
struct RestoreOverrides {
    var billing: BillingMode?
    var throughput: (Int64?, Int64?)?
    var globalIndexes: [IndexParsing.Raw]?
    var localIndexes: [IndexParsing.Raw]?
    var sse: SSESettings??
    /// SSESpecificationOverride.KMSMasterKeyId as given (resolved through KMS at execution).
    var sseKeyId: String?
    var onDemand: OnDemandThroughput?

    /// [kms] The override's key resolved and checked as CreateTable does.
    func resolved(service: DynamoService, env: RequestEnvironment) throws(DynamoError) -> RestoreOverrides {
        var o = self
        o.sse = try TableEncryption.resolve(sse, keyId: sseKeyId, service: service, env: env)
        return o
    }

    static func parse(_ p: Params, env: RequestEnvironment, constraints c: inout Constraints) throws(DynamoError) -> RestoreOverrides {
        var o = RestoreOverrides()
        let billing = try p.string("BillingModeOverride")
        c.oneOf(billing, at: "billingModeOverride", ["PROVISIONED", "PAY_PER_REQUEST"])
        o.billing = billing.flatMap(BillingMode.init(rawValue:))
        o.throughput = try SchemaParsing.throughput(p["ProvisionedThroughputOverride"], path: "provisionedThroughputOverride", constraints: &c)
        o.globalIndexes = try IndexParsing.parseList(p["GlobalSecondaryIndexOverride"], path: "globalSecondaryIndexOverride", global: true, constraints: &c)
        o.localIndexes = try IndexParsing.parseList(p["LocalSecondaryIndexOverride"], path: "localSecondaryIndexOverride", global: false, constraints: &c)
        o.sse = try SchemaParsing.sse(p["SSESpecificationOverride"], account: env.accountId, region: env.region, constraints: &c)
        o.sseKeyId = p["SSESpecificationOverride"]?["KMSMasterKeyId"]?.stringValue
        o.onDemand = try SchemaParsing.onDemand(p["OnDemandThroughputOverride"])
        return o
    }
}

/// Builds the table a restore creates: the source's schema (as it is now for PITR, as it was
/// for a backup) with the overrides applied, under a new name and new ids. What AWS does not
/// carry over to a restored table is dropped: TTL, tags, PITR, deletion protection, the
/// resource policy, streams, global table membership (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CreateBackup.html).
enum RestoreTarget {
    static func definition(from source: TableDefinition, name: String, overrides o: RestoreOverrides, summary: RestoreSummary,
                           writer: StorageWriter, env: RequestEnvironment) throws -> TableDefinition {
        var t = source
        t.account = env.accountId
        t.region = env.region
        t.name = name
        t.tableId = UUID().uuidString.lowercased()
        t.storageId = try writer.allocateStorageId()
        t.createdAt = env.now
        t.ttl = nil
        t.tags = []
        t.pitr = nil
        t.deletionProtection = false
        t.resourcePolicy = nil
        t.streamPolicies = nil
        t.stream = nil
        t.replicas = nil  // [global] a restored table is a regional table
        t.restoreSummary = summary
        t.provisioned.lastIncrease = nil
        t.provisioned.lastDecrease = nil
        t.provisioned.decreasesToday = 0

        let billing = o.billing ?? source.billingMode
        if let throughput = o.throughput {
            if billing == .payPerRequest {
                throw DynamoError.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
            }
            try SchemaParsing.checkThroughputBounds(throughput)
            t.provisioned = ProvisionedThroughput(read: throughput.0 ?? 1, write: throughput.1 ?? 1)
        } else if billing == .provisioned && source.billingMode == .payPerRequest {
            throw DynamoError.validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
        }
        t.billingMode = billing
        if billing == .payPerRequest {
            t.provisioned = .zero
            if source.billingMode != .payPerRequest || t.lastUpdateToPayPerRequest == nil { t.lastUpdateToPayPerRequest = env.now }
        }
        if let sse = o.sse { t.sse = sse }
        if let onDemand = o.onDemand {
            if billing == .provisioned {
                let member = onDemand.maxRead != nil ? "MaxReadRequestUnits" : "MaxWriteRequestUnits"
                throw DynamoError.validation("One or more parameter values were invalid: \(member) for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.")
            }
            t.onDemand = onDemand
        } else if billing == .provisioned {
            t.onDemand = nil
        }

        let allocate = { try writer.allocateStorageId() }
        var local = try source.localIndexes.map { index -> IndexDefinition in
            var copy = index
            copy.storageId = try allocate()
            copy.createdAt = env.now
            return copy
        }
        var global = try source.globalIndexes.map { index -> IndexDefinition in
            var copy = index
            copy.storageId = try allocate()
            copy.createdAt = env.now
            copy.status = "ACTIVE"
            return copy
        }
        // An empty override list restores without any index of that kind (AWS lets a restore
        // exclude some or all indexes).
        let lsiOverride = o.localIndexes.flatMap { $0.isEmpty ? nil : $0 }
        let gsiOverride = o.globalIndexes.flatMap { $0.isEmpty ? nil : $0 }
        if o.localIndexes?.isEmpty == true { local = [] }
        if o.globalIndexes?.isEmpty == true { global = [] }
        if lsiOverride != nil || gsiOverride != nil {
            let built = try IndexParsing.build(lsis: lsiOverride, gsis: gsiOverride.map { list in
                // Indexes keep the billing they will have; provisioned ones borrow the table's
                // throughput when the override names none.
                list.map { raw in
                    var r = raw
                    if billing == .provisioned && r.throughput == nil { r.throughput = (t.provisioned.read, t.provisioned.write) }
                    if billing == .payPerRequest { r.throughput = nil }
                    return r
                }
            }, tableKey: t.keySchema, definitions: source.attributeDefinitions, billing: billing, allocate: allocate, now: env.now)
            if lsiOverride != nil { local = built.local }
            if gsiOverride != nil { global = built.global }
        }
        for i in global.indices {
            if billing == .payPerRequest {
                global[i].provisioned = nil
            } else if global[i].provisioned == nil || global[i].provisioned == .zero {
                global[i].provisioned = ProvisionedThroughput(read: t.provisioned.read, write: t.provisioned.write)
            }
        }
        t.localIndexes = local
        t.globalIndexes = global
        var used = Set(t.keySchema.attributeNames)
        for index in t.allIndexes { used.formUnion(index.keySchema.attributeNames) }
        t.attributeDefinitions.removeAll { !used.contains($0.name) }
        return t
    }

    /// Fails unless `name` is free in the caller's account and region.
    static func checkFree(_ name: String, service: DynamoService, writer: StorageWriter, env: RequestEnvironment) throws {
        let key = TableKey(account: env.accountId, region: env.region, name: name)
        // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html#API_RestoreTableFromBackup_Errors
        if service.lifecycle.inTransition(key, now: env.now) {
            throw DynamoError(code: "TableInUseException", message: "A target table with the specified name is either being created or deleted.")
        }
        if try service.catalog.get(key) != nil || writer.reader.tables().contains(where: { $0.account == key.account && $0.region == key.region && $0.name == key.name }) {
            throw DynamoError.tableAlreadyExists(name)
        }
        if service.catalog.count(account: env.accountId, region: env.region) >= 2500 {
            throw DynamoError.limitExceeded("Subscriber limit exceeded: Table count exceeds the per-account limit of 2500")
        }
    }

    /// Records the new table; `load` then fills its item rows. Indexes and counters follow.
    static func create(_ t: TableDefinition, writer: StorageWriter, load: () throws -> Void) throws {
        try writer.insertTable(TableRecord(storageId: t.storageId, account: t.account, region: t.region, name: t.name,
                                           definition: try DynamoService.encodeDefinition(t), itemCount: 0, sizeBytes: 0))
        try load()
        for index in t.allIndexes { try IndexRows.backfill(index, table: t, writer: writer) }
        try writer.recomputeCounters(storageId: t.storageId)
    }

    /// Runs a restore as an exclusive write and answers with the new table's description, as
    /// AWS does: CREATING, with the restore still in progress (the next DescribeTable says ACTIVE).
    static func run(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion,
                    _ body: @escaping (StorageWriter) throws -> TableDefinition) {
        service.store.write(exclusive: true, body, completion: { result in
            switch result {
            case .success(let t):
                service.catalog.put(t)
                if let arn = t.sse?.kmsMasterKeyArn { service.tableKeys.service?.adopt(arn, table: t, env: env) }  // [kms]
                service.lifecycle.began("CREATING", table: TableKey(account: t.account, region: t.region, name: t.name), now: service.clock.now())
                let counters: TableDescription.Counters
                do {
                    counters = try service.store.read { try TableDescription.counters(for: t, reader: $0) }
                } catch {
                    // The restore committed; only its description's counts are missing.
                    operationsLog.warning("cannot read a restored table's counters", metadata: [
                        "table": .string(t.name), "error": .string(String(describing: error))])
                    counters = TableDescription.Counters(itemCount: 0, sizeBytes: 0)
                }
                var description = TableDescription.render(t, counters: counters, status: "CREATING", indexStatus: "CREATING")
                if let summary = t.restoreSummary { description = RestoreRendering.replacing("RestoreSummary", in: description, with: RestoreRendering.summary(summary, inProgress: true)) }
                completion(.success(encode(["TableDescription": description])))
            case .failure(let error):
                completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }
}

enum RestoreRendering {
    static func summary(_ r: RestoreSummary, inProgress: Bool) -> JSONValue {
        var m: [(String, JSONValue)] = []
        if let arn = r.sourceBackupArn { m.append(("SourceBackupArn", .string(arn))) }
        if let arn = r.sourceTableArn { m.append(("SourceTableArn", .string(arn))) }
        m.append(("RestoreDateTime", .timestamp(r.restoreDateTime)))
        m.append(("RestoreInProgress", .bool(inProgress)))
        return .object(m)
    }

    static func replacing(_ key: String, in object: JSONValue, with value: JSONValue) -> JSONValue {
        guard case .object(let members) = object else { return object }
        return .object(members.map { $0.0 == key ? ($0.0, value) : $0 })
    }
}
