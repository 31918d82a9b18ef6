import DynamoModel
import DynamoStorage

/// UpdateTable — billing mode and throughput, deletion protection, SSE, table class, stream
/// specification, and GSI create (with backfill) / update / delete.
/// Message texts: AWS's, as catalogued from live DynamoDB responses by Dynoxide and others.
struct UpdateTable: TableOperation {
    static let name = "UpdateTable"
    static let action = "dynamodb:UpdateTable"
    static let readOnly = false

    enum IndexUpdate {
        case create(IndexParsing.Raw)
        case update(name: String, throughput: (Int64?, Int64?)?, onDemand: OnDemandThroughput?)
        case delete(name: String)
    }

    let tableName: String
    let definitions: [AttributeDefinition]?
    let billing: BillingMode?
    let throughput: (Int64?, Int64?)?
    let onDemand: OnDemandThroughput?
    let indexUpdates: [IndexUpdate]?
    let stream: (enabled: Bool, viewType: String?)?
    var sse: SSESettings??
    /// SSESpecification.KMSMasterKeyId as given (an id, ARN or alias).
    let sseKeyId: String?
    let deletionProtection: Bool?
    let tableClass: String?
    /// [global] ReplicaUpdates (global tables version 2019.11.21).
    let replicaUpdates: [ReplicaUpdate]?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        let billingText = try p.string("BillingMode")
        c.oneOf(billingText, at: "billingMode", ["PROVISIONED", "PAY_PER_REQUEST"])
        throughput = try SchemaParsing.throughput(p["ProvisionedThroughput"], path: "provisionedThroughput", constraints: &c)
        let defs = p.has("AttributeDefinitions")
            ? try SchemaParsing.attributeDefinitions(p["AttributeDefinitions"], path: "attributeDefinitions", constraints: &c) : nil
        tableClass = try p.string("TableClass")
        c.oneOf(tableClass, at: "tableClass", ["STANDARD", "STANDARD_INFREQUENT_ACCESS"])
        stream = try SchemaParsing.streamSpecification(p["StreamSpecification"], constraints: &c)
        sse = try SchemaParsing.sse(p["SSESpecification"], account: env.accountId, region: env.region, constraints: &c)
        sseKeyId = p["SSESpecification"]?["KMSMasterKeyId"]?.stringValue
        var updates: [IndexUpdate]?
        if let list = try p.list("GlobalSecondaryIndexUpdates") {
            var out: [IndexUpdate] = []
            for (i, element) in list.enumerated() {
                let u = try Params.structure(element)
                let path = "globalSecondaryIndexUpdates.\(i + 1).member"
                let actions = ["Create", "Update", "Delete"].filter { u.has($0) }
                if actions.isEmpty {
                    throw .validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null")
                }
                if actions.count > 1 {
                    throw .validation("One or more parameter values were invalid: Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object")
                }
                if let create = u["Create"] {
                    out.append(.create(try IndexParsing.parse(create, path: "\(path).create", global: true, constraints: &c)))
                } else if let update = try u.structure("Update") {
                    let name = try update.string("IndexName")
                    c.notNull(name, at: "\(path).update.indexName")
                    let t = try SchemaParsing.throughput(update["ProvisionedThroughput"], path: "\(path).update.provisionedThroughput", constraints: &c)
                    out.append(.update(name: name ?? "", throughput: t, onDemand: try SchemaParsing.onDemand(update["OnDemandThroughput"])))
                } else if let delete = try u.structure("Delete") {
                    let name = try delete.string("IndexName")
                    c.notNull(name, at: "\(path).delete.indexName")
                    out.append(.delete(name: name ?? ""))
                }
            }
            updates = out
        }
        indexUpdates = updates
        deletionProtection = try p.bool("DeletionProtectionEnabled")
        onDemand = try SchemaParsing.onDemand(p["OnDemandThroughput"])
        let replicaList = try p.list("ReplicaUpdates")
        c.count(replicaList?.count, rendered: "[]", at: "replicaUpdates", min: 1)
        if let replicaList { replicaUpdates = try ReplicaUpdate.parse(replicaList, constraints: &c) } else { replicaUpdates = nil }
        try c.check()

        billing = billingText.flatMap(BillingMode.init(rawValue:))
        definitions = defs.map { list in
            list.compactMap { pair in
                guard let n = pair.0, let t = pair.1, let type = ScalarType(rawValue: t) else { return nil }
                return AttributeDefinition(name: n, type: type)
            }
        }
        let changes = [throughput != nil, billing != nil, stream != nil, indexUpdates != nil, sse != nil, deletionProtection != nil,
                       onDemand != nil, tableClass != nil, replicaUpdates != nil]
        if !changes.contains(true) {
            throw .validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required")
        }
        let others = changes.filter { $0 }.count
        if sse != nil && others > 1 {
            throw .validation("One or more parameter values were invalid: Server-Side Encryption modification must be the only operation in the request")
        }
        if tableClass != nil && others > 1 {
            throw .validation("One or more parameter values were invalid: TableClass modification must be the only operation in the request")
        }
        if replicaUpdates != nil && others > 1 {
            // [global] ReplicaUpdates must be the only member of its UpdateTable call (checked
            // before the replica actions themselves, as DynamoDB answers).
            throw .validation("One or more parameter values were invalid: Replica modification must be the only operation in the request")
        }
        if deletionProtection != nil && others > 1 {
            throw .validation("One or more parameter values were invalid: DeletionProtection modification must be the only operation in the request")
        }
        if let stream {
            if stream.enabled && stream.viewType == nil {
                throw .validation("One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required")
            }
            if !stream.enabled && stream.viewType != nil {
                throw .validation("One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified")
            }
            if indexUpdates != nil {
                throw .validation("One or more parameter values were invalid: You cannot create or delete index while changing stream status")
            }
        }
        if billing == .payPerRequest && throughput != nil {
            throw .validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        }
        if let throughput { try SchemaParsing.checkThroughputBounds(throughput) }
    }


    /// dynamodb:UpdateTable, and the KMS permissions a new table key needs.
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: Self.action, resource: service.tableArn(tableName, env: env),
                                                 resourceAccount: service.tableKey(tableName, env: env).account)]
            + TableEncryption.checks(sse, keyId: sseKeyId, service: service, env: env)
            + ReplicaAuthorization.checks(replicaUpdates, tableName: tableName, service: service, env: env))  // [global]
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        if let replicaUpdates {  // [global]
            return ReplicaGroup.execute(replicaUpdates, tableName: tableName, service: service, env: env, completion: completion)
        }
        var request = self
        do {
            request.sse = try TableEncryption.resolve(sse, keyId: sseKeyId, service: service, env: env)  // [kms]
        } catch {
            return completion(.failure(error))
        }
        let key = service.tableKey(tableName, env: env)
        service.changeTable(key, completion: completion) { table, writer in
            try service.lifecycle.checkIdle(key, now: env.now)
            var indexStatus: [String: String] = [:]
            try request.apply(to: &table, writer: writer, env: env, indexStatus: &indexStatus)
            // [kms] A new key, or new indexes whose data keys go under the table's key.
            let rekeyed: Bool
            if case .some(.some(let settings)) = request.sse, settings.kmsMasterKeyArn != nil { rekeyed = true } else { rekeyed = false }
            if let arn = table.sse?.kmsMasterKeyArn, rekeyed || indexStatus.values.contains("CREATING") {
                service.tableKeys.service?.adopt(arn, table: table, env: env)
            }
            let counters = try TableDescription.counters(for: table, reader: writer.reader)
            // Indexes being created or deleted report that status in this response.
            let description = TableDescription.withIndexStatuses(
                service.withReplicas(TableDescription.render(table, counters: counters, status: "UPDATING"), table, now: env.now), indexStatus)
            service.lifecycle.began("UPDATING", table: key, now: env.now)
            for (name, status) in indexStatus where status != "DELETING" {
                service.lifecycle.began(status, index: name, table: key, now: env.now)
            }
            return ["TableDescription": description]
        }
    }

    func apply(to table: inout TableDefinition, writer: StorageWriter, env: RequestEnvironment, indexStatus: inout [String: String]) throws {
        let currentBilling = table.billingMode
        if currentBilling == .payPerRequest && billing == nil && throughput != nil {
            throw DynamoError.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        }
        if billing == .provisioned && currentBilling == .payPerRequest && throughput == nil {
            throw DynamoError.validation("One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
        }
        if let onDemand {
            let target = billing ?? currentBilling
            if target == .provisioned {
                let member = onDemand.maxRead != nil ? "MaxReadRequestUnits" : "MaxWriteRequestUnits"
                throw DynamoError.validation("One or more parameter values were invalid: \(member) for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED")
            }
            table.onDemand = onDemand
        }
        if let throughput {
            let read = throughput.0 ?? table.provisioned.read, write = throughput.1 ?? table.provisioned.write
            let unchangedMode = billing == nil || (billing == .provisioned && currentBilling == .provisioned)
            if unchangedMode && read == table.provisioned.read && write == table.provisioned.write {
                throw DynamoError.validation("The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: \(table.provisioned.read). Requested ReadCapacityUnits: \(read). Current WriteCapacityUnits provisioned for the table: \(table.provisioned.write). Requested WriteCapacityUnits: \(write). Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
            }
            var p = table.provisioned
            if read > p.read || write > p.write { p.lastIncrease = env.now }
            if read < p.read || write < p.write { p.lastDecrease = env.now; p.decreasesToday += 1 }
            p.read = read
            p.write = write
            table.provisioned = p
        }
        if let billing, billing != currentBilling {
            table.billingMode = billing
            if billing == .payPerRequest {
                table.lastUpdateToPayPerRequest = env.now
                for i in table.globalIndexes.indices { table.globalIndexes[i].provisioned = nil }
            } else {
                for i in table.globalIndexes.indices where table.globalIndexes[i].provisioned == nil {
                    table.globalIndexes[i].provisioned = table.provisioned
                }
            }
        }
        if let deletionProtection { table.deletionProtection = deletionProtection }
        if let tableClass, tableClass != (table.tableClass ?? "STANDARD") || table.tableClass == nil {
            table.tableClass = tableClass
            table.tableClassLastUpdate = env.now
        }
        if let sse {
            switch (sse, table.sse) {
            case (nil, nil):
                throw DynamoError.validation("One or more parameter values were invalid: Table is already encrypted by default")
            case (let new?, let old?) where new.kmsMasterKeyArn == old.kmsMasterKeyArn:
                throw DynamoError.validation("One or more parameter values were invalid: Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key")
            default:
                table.sse = sse
            }
        }
        if let stream {
            let active = table.stream?.enabled == true
            if stream.enabled {
                if active { throw DynamoError.validation("Table already has an enabled stream: TableName: \(table.name)") }
                table.stream = StreamSettings(enabled: true, viewType: stream.viewType ?? "NEW_AND_OLD_IMAGES",
                                              label: StreamLifecycle.label(now: env.now, previous: table.stream?.label),  // [pitr]
                                              startSeq: try writer.reader.latestHistorySeq())
                try StreamLifecycle.opened(table, writer: writer, now: env.now)  // [pitr] a new stream
            } else {
                if table.isReplicated {  // [global] replication reads the stream
                    throw DynamoError.validation("Disabling Stream is not allowed for a Global Table replica.")
                }
                if !active { throw DynamoError.validation("Table has no stream to disable: TableName: \(table.name)") }
                table.stream?.enabled = false
                try StreamLifecycle.closed(table, writer: writer, now: env.now)  // [pitr] readable, DISABLED, for 24 h
            }
        }
        if let indexUpdates { try applyIndexUpdates(indexUpdates, to: &table, writer: writer, env: env, indexStatus: &indexStatus) }
    }

    func applyIndexUpdates(_ updates: [IndexUpdate], to table: inout TableDefinition, writer: StorageWriter, env: RequestEnvironment,
                           indexStatus: inout [String: String]) throws {
        if updates.isEmpty {
            throw DynamoError.validation("One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty")
        }
        var seen = Set<String>()
        for update in updates {
            let name: String
            switch update {
            case .create(let raw): name = raw.name ?? ""
            case .update(let n, _, _), .delete(let n): name = n
            }
            if !seen.insert(name).inserted {
                throw DynamoError.validation("One or more parameter values were invalid: Only one global secondary index update per index is allowed simultaneously. Index: \(name)")
            }
        }
        let creates = updates.filter { if case .create = $0 { return true } else { return false } }.count
        let deletes = updates.filter { if case .delete = $0 { return true } else { return false } }.count
        if creates + deletes > 1 {
            throw DynamoError.limitExceeded("Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table")
        }
        for update in updates {
            switch update {
            case .create(let raw):
                if table.index(named: raw.name ?? "") != nil {
                    throw DynamoError.validation("Attempting to create an index which already exists")
                }
                guard let defs = definitions else {
                    throw DynamoError.validation("One or more parameter values were invalid: AttributeDefinitions is not specified for index: \(raw.name ?? "")")
                }
                for def in defs {
                    if let existing = table.attributeType(def.name), existing != def.type {
                        throw DynamoError.validation("One or more parameter values were invalid: Attributes cannot be redefined. Please check that your attribute has the same type as previously defined.")
                    }
                }
                let index = try IndexParsing.buildGlobal(raw, definitions: defs, billing: table.billingMode,
                                                         allocate: { try writer.allocateStorageId() }, now: env.now)
                if table.globalIndexes.count >= 20 {
                    throw DynamoError.limitExceeded("Subscriber limit exceeded: The number of global secondary indexes exceeds the per-table limit of 20")
                }
                for def in defs where table.attributeType(def.name) == nil && index.keySchema.attributeNames.contains(def.name) {
                    table.attributeDefinitions.append(def)
                }
                table.globalIndexes.append(index)
                try IndexRows.backfill(index, table: table, writer: writer)
                indexStatus[index.name] = "CREATING"
            case .update(let name, let throughput, let onDemand):
                guard let i = table.globalIndexes.firstIndex(where: { $0.name == name }) else {
                    if table.localIndexes.contains(where: { $0.name == name }) {
                        throw DynamoError.validation("Cannot update an index that is not a GlobalSecondaryIndex: \(name)")
                    }
                    throw DynamoError.resourceNotFound("Requested resource not found: Index: \(name) not found")
                }
                if let throughput {
                    if table.billingMode == .payPerRequest {
                        throw DynamoError.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: \(name) when BillingMode is PAY_PER_REQUEST")
                    }
                    var p = table.globalIndexes[i].provisioned ?? .zero
                    let read = throughput.0 ?? p.read, write = throughput.1 ?? p.write
                    if read > p.read || write > p.write { p.lastIncrease = env.now }
                    if read < p.read || write < p.write { p.lastDecrease = env.now; p.decreasesToday += 1 }
                    p.read = read
                    p.write = write
                    table.globalIndexes[i].provisioned = p
                }
                if let onDemand { table.globalIndexes[i].onDemand = onDemand }
                indexStatus[name] = "UPDATING"
            case .delete(let name):
                guard let i = table.globalIndexes.firstIndex(where: { $0.name == name }) else {
                    if table.localIndexes.contains(where: { $0.name == name }) {
                        throw DynamoError.validation("Cannot delete an index that is not a GlobalSecondaryIndex: \(name)")
                    }
                    throw DynamoError.resourceNotFound("Requested resource not found: Index: \(name) not found")
                }
                let index = table.globalIndexes.remove(at: i)
                try writer.deleteIndex(iid: index.storageId)
                // Attribute definitions no key uses any more are dropped, as AWS does.
                var used = Set(table.keySchema.attributeNames)
                for other in table.allIndexes { used.formUnion(other.keySchema.attributeNames) }
                table.attributeDefinitions.removeAll { !used.contains($0.name) }
            }
        }
    }
}
