import DynamoModel
import DynamoStorage
import FoundationEssentials

/// [global] UpdateTable `ReplicaUpdates`: adding, updating and removing the replicas of a
/// global table (version 2019.11.21), in one exclusive write that changes every member's
/// definition together. A replica is an ordinary table in its region (same account and name,
/// its own ARN, TableId, storage and data key) holding a copy of the items.
///
/// Per region, as DynamoDB keeps them: deletion protection, point-in-time recovery, resource
/// policies, tags, the KMS key and a `TableClassOverride`. Shared (changed on one, changed on
/// all, see `SharedSettings`): key schema, global secondary indexes, TTL, a TableClass change
/// and the stream view type
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
enum ReplicaGroup {
    struct Outcome {
        var source: TableDefinition
        var changed: [TableDefinition]
        var created: [TableDefinition]
        var removed: [(key: TableKey, description: JSONValue)]
        var description: JSONValue
    }

    static func alreadyExisted(_ name: String) -> DynamoError {
        .validation("Failed to create a the new replica of table with name: \u{2018}\(name)\u{2019} because one or more replicas already existed as tables.")
    }

    static func notMember(_ region: String) -> DynamoError {
        .validation("Update global table operation failed because one or more replicas were not part of the global table. Please retry the request without these replicas: [\(region)].")
    }

    static func protected(_ name: String, region: String) -> DynamoError {
        .validation("Cannot delete table \(name) in region \(region) because it has deletion protection enabled. Disable deletion protection first.")
    }

    static func execute(_ raw: [ReplicaUpdate], tableName: String, service: DynamoService, env: RequestEnvironment,
                        completion: @escaping Completion) {
        let key = service.tableKey(tableName, env: env)
        let updates: [ReplicaUpdate]
        var keys: [String: SSESettings] = [:]
        // The AWS managed key (aws/dynamodb) of each region concerned, as KMS names it.
        var managed: [String: String] = [:]
        func managedKey(_ region: String) -> String {
            if case .success(let arn)? = service.tableKeys.service?.resolve(nil, account: key.account, region: region, now: env.now) { return arn }
            return SchemaParsing.kmsKeyArn(nil, account: key.account, region: region)
        }
        do {
            updates = try ReplicaUpdate.check(raw, localRegion: key.region)
            // (Looked up only for a table encrypted with a KMS key: KMS makes the managed key on
            // first use, and a table with an AWS owned key must not make one.)
            if service.catalog.get(key)?.sse != nil {
                managed[key.region] = managedKey(key.region)
                for case .create(let region, _, _) in updates { managed[region] = managedKey(region) }
            }
            // A replica's own KMS key is resolved in its region, as DynamoDB does.
            for case .create(let region, let keyId?, _) in updates {
                var regional = env
                regional.region = region
                let asked = SSESettings(sseType: "KMS", kmsMasterKeyArn: SchemaParsing.kmsKeyArn(keyId, account: key.account, region: region))
                if case .some(.some(let settings)) = try TableEncryption.resolve(.some(asked), keyId: keyId, service: service, env: regional) {
                    keys[region] = settings
                }
            }
        } catch {
            return completion(.failure(error))
        }
        service.store.write(exclusive: true, { writer throws -> Outcome in
            guard let current = service.catalog.get(key) else { throw DynamoError.tableNotFound(key.name) }
            // A replica already there (or still being deleted) is refused before the table's
            // own state is looked at, as DynamoDB answers a re-add during a removal.
            for case .create(let region, _, _) in updates {
                let target = TableKey(account: key.account, region: region, name: key.name)
                if current.replicas?.contains(where: { $0.regionName == region }) == true || service.catalog.get(target) != nil
                    || service.lifecycle.deleting(target, now: env.now) != nil {
                    throw ReplicaGroup.alreadyExisted(key.name)
                }
            }
            try service.lifecycle.checkIdle(key, now: env.now)
            var group = Pending(service: service, writer: writer)
            for update in updates {
                try group.apply(update, to: key, keys: keys, managed: managed, env: env)
            }
            let source = group.tables[key]!
            for table in group.tables.values { try DynamoService.save(table, writer: writer) }
            let counters = try TableDescription.counters(for: source, reader: writer.reader)
            let description = service.withReplicas(TableDescription.render(source, counters: counters, status: "UPDATING"), source,
                                                   now: env.now, pending: group.tables)
            return Outcome(source: source, changed: Array(group.tables.values), created: group.created, removed: group.removed,
                           description: description)
        }, completion: { result in
            switch result {
            case .success(let outcome):
                for table in outcome.changed { service.catalog.put(table) }
                for removed in outcome.removed {
                    service.catalog.remove(removed.key)
                    service.lifecycle.deleted(removed.key, description: removed.description, now: env.now)  // DELETING for a while
                }
                for table in outcome.created {
                    let replicaKey = TableKey(account: table.account, region: table.region, name: table.name)
                    service.lifecycle.began("CREATING", table: replicaKey, now: env.now)
                    if let arn = table.sse?.kmsMasterKeyArn { service.tableKeys.service?.adopt(arn, table: table, env: env) }  // [kms]
                }
                service.lifecycle.began("UPDATING", table: key, now: env.now)
                completion(.success(encode(["TableDescription": outcome.description])))
            case .failure(let error):
                completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }

    /// The definitions a replica change touches, as they become.
    struct Pending {
        let service: DynamoService
        let writer: StorageWriter
        var tables: [TableKey: TableDefinition] = [:]
        var created: [TableDefinition] = []
        var removed: [(key: TableKey, description: JSONValue)] = []

        init(service: DynamoService, writer: StorageWriter) {
            self.service = service
            self.writer = writer
        }

        mutating func table(_ key: TableKey) -> TableDefinition? {
            if let t = tables[key] { return t }
            if removed.contains(where: { $0.key == key }) { return nil }
            let t = service.catalog.get(key)
            if let t { tables[key] = t }
            return t
        }

        mutating func apply(_ update: ReplicaUpdate, to key: TableKey, keys: [String: SSESettings], managed: [String: String],
                            env: RequestEnvironment) throws {
            guard var source = table(key) else { throw DynamoError.tableNotFound(key.name) }
            let members = source.replicas ?? []
            let target = TableKey(account: key.account, region: update.region, name: key.name)
            let isMember = members.contains { $0.regionName == update.region }
            switch update {
            case .create(let region, let keyId, let tableClass):
                if isMember || table(target) != nil || service.lifecycle.deleting(target, now: env.now) != nil {
                    throw ReplicaGroup.alreadyExisted(key.name)
                }
                // A key per replica goes with a customer managed key, and only with one (an AWS
                // owned or AWS managed key is the same kind of key in every region).
                let customerManaged = source.sse?.kmsMasterKeyArn.map { $0 != managed[source.region] } ?? false
                if (keyId != nil && source.sse == nil) || (keyId == nil && customerManaged) {
                    throw DynamoError.validation(ReplicaUpdate.keyPerReplica)
                }
                try writer.ensureReplicationSchema()
                // Replication reads the table's stream: DynamoDB enables NEW_AND_OLD_IMAGES on a
                // table that has none (a stream already enabled keeps its view type).
                if source.stream?.enabled != true {
                    source.stream = StreamSettings(enabled: true, viewType: "NEW_AND_OLD_IMAGES",
                                                   label: StreamLifecycle.label(now: env.now, previous: source.stream?.label),
                                                   startSeq: try writer.reader.latestHistorySeq())
                    try StreamLifecycle.opened(source, writer: writer, now: env.now)
                }
                var sse = source.sse
                if sse != nil { sse = keys[region] ?? SSESettings(sseType: "KMS", kmsMasterKeyArn: managed[region]) }
                var replica = try ReplicaGroup.makeReplica(of: source, region: region, sse: sse, tableClass: tableClass, writer: writer, now: env.now)
                // Every member learns of the new one; the new one lists every other member.
                replica.replicas = [ReplicaMember(regionName: source.region, addedAt: source.createdAt)]
                for member in members {
                    let otherKey = TableKey(account: key.account, region: member.regionName, name: key.name)
                    guard var other = table(otherKey) else { continue }
                    other.replicas = (other.replicas ?? []) + [ReplicaMember(regionName: region, addedAt: env.now)]
                    tables[otherKey] = other
                    replica.replicas?.append(ReplicaMember(regionName: member.regionName, addedAt: other.createdAt))
                }
                source.replicas = members + [ReplicaMember(regionName: region, addedAt: env.now)]
                try ReplicaGroup.insert(replica, copyingItemsOf: source, writer: writer, now: env.now)
                tables[target] = replica
                created.append(replica)
            case .update(_, let tableClass):
                guard isMember, var replica = table(target) else { throw ReplicaGroup.notMember(update.region) }
                if let tableClass {
                    replica.tableClass = tableClass
                    replica.tableClassLastUpdate = env.now
                }
                tables[target] = replica
            case .delete(let region):
                guard isMember, let replica = table(target) else { throw ReplicaGroup.notMember(update.region) }
                if replica.deletionProtection { throw ReplicaGroup.protected(key.name, region: region) }
                let counters = try TableDescription.counters(for: replica, reader: writer.reader)
                let description = service.withReplicas(TableDescription.render(replica, counters: counters, status: "DELETING"), replica,
                                                       now: env.now, pending: tables)
                try ReplicaGroup.remove(replica, writer: writer, now: env.now)
                tables[target] = nil
                removed.append((target, description))
                source.replicas = members.filter { $0.regionName != region }
                for member in members where member.regionName != region {
                    let otherKey = TableKey(account: key.account, region: member.regionName, name: key.name)
                    guard var other = table(otherKey) else { continue }
                    other.replicas = other.replicas?.filter { $0.regionName != region }
                    tables[otherKey] = other
                }
            }
            tables[key] = source
            // A table with no replica left is a regional table again.
            for (k, t) in tables where t.replicas?.isEmpty == true {
                var regional = t
                regional.replicas = nil
                tables[k] = regional
            }
        }
    }

    /// The replica's definition: the shared settings of the source, its own identity and
    /// storage, and none of the per-region settings (deletion protection off, no PITR, no
    /// tags, no resource policy), as a new replica starts in DynamoDB.
    static func makeReplica(of source: TableDefinition, region: String, sse: SSESettings?, tableClass: String?,
                            writer: StorageWriter, now: Double) throws -> TableDefinition {
        var replica = TableDefinition(account: source.account, region: region, name: source.name, tableId: UUID().uuidString.lowercased(),
                                      storageId: try writer.allocateStorageId(), keySchema: source.keySchema,
                                      attributeDefinitions: source.attributeDefinitions, billingMode: source.billingMode,
                                      provisioned: source.provisioned, createdAt: now)
        for var index in source.localIndexes {
            index.storageId = try writer.allocateStorageId()
            replica.localIndexes.append(index)
        }
        for var index in source.globalIndexes {
            index.storageId = try writer.allocateStorageId()
            index.status = "ACTIVE"
            replica.globalIndexes.append(index)
        }
        replica.lastUpdateToPayPerRequest = source.lastUpdateToPayPerRequest
        replica.onDemand = source.onDemand
        replica.sse = sse
        replica.ttl = source.ttl
        replica.tableClass = tableClass ?? source.tableClass
        if tableClass != nil { replica.tableClassLastUpdate = now }
        replica.stream = StreamSettings(enabled: true, viewType: source.stream?.viewType ?? "NEW_AND_OLD_IMAGES",
                                        label: StreamLifecycle.label(now: now, previous: nil), startSeq: 0)
        return replica
    }

    /// Stores the new replica and copies the source's items into it (with their index rows),
    /// recording no history: the copy is the replica's starting point, not a change its
    /// stream reports. Its stream starts after the copy.
    static func insert(_ replica: TableDefinition, copyingItemsOf source: TableDefinition, writer: StorageWriter, now: Double) throws {
        var quiet = replica
        quiet.stream = nil
        quiet.pitr = nil
        quiet.replicas = nil
        try writer.insertTable(TableRecord(storageId: replica.storageId, account: replica.account, region: replica.region, name: replica.name,
                                           definition: try DynamoService.encodeDefinition(replica), itemCount: 0, sizeBytes: 0))
        try writer.reader.scanTable(tid: source.storageId, startAfter: nil) { row in
            let item = try ItemWrite.decodeStored(row.item)
            try ItemWrite.apply(quiet, key: EncodedKey(pk: row.pk, sk: row.sk), old: nil, new: item, writer: writer, now: now, origin: .replication)
            return true
        }
        var streaming = replica
        streaming.stream?.startSeq = try writer.reader.latestHistorySeq()
        try DynamoService.save(streaming, writer: writer)
        try StreamLifecycle.opened(streaming, writer: writer, now: now)
    }

    /// Removes a replica's table and what waits for it (its stream closes as any deleted table's).
    static func remove(_ replica: TableDefinition, writer: StorageWriter, now: Double, closed: Bool = false) throws {
        if !closed { try TableDeletion.willDelete(replica, writer: writer, now: now) }
        try writer.deleteTable(storageId: replica.storageId, indexIds: replica.allIndexes.map(\.storageId))
        try writer.ensureReplicationSchema()
        try writer.deleteItemVersions(tid: replica.storageId)
        try writer.dropReplications(account: replica.account, targetRegion: replica.region, name: replica.name)
    }

    /// DeleteTable of one replica in its own region: the others forget it and stay.
    static func detach(_ replica: TableDefinition, catalog: Catalog) -> [TableDefinition] {
        guard let members = replica.replicas else { return [] }
        return members.compactMap { member in
            guard var other = catalog.get(TableKey(account: replica.account, region: member.regionName, name: replica.name)) else { return nil }
            other.replicas = other.replicas?.filter { $0.regionName != replica.region }
            if other.replicas?.isEmpty == true { other.replicas = nil }
            return other
        }
    }
}
