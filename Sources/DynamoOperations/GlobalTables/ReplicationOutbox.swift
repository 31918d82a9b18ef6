import DynamoModel
import DynamoStorage

/// [global] The source side of replication: a change to a replica, in the writer's
/// transaction, records the item's version (time, region) and queues the new item for every
/// other replica. The queue is durable (a crash between the write and its delivery loses
/// nothing) and drained by `Replicator`, so replication is asynchronous, as in DynamoDB
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
enum ReplicationOutbox {
    static func record(_ table: TableDefinition, key: EncodedKey, newItem: [UInt8]?, writer: StorageWriter, now: Double,
                       origin: ItemWrite.Origin) throws {
        guard let replicas = table.replicas, !replicas.isEmpty else { return }
        try writer.setItemVersion(tid: table.storageId, pk: key.pk, sk: key.sk, ItemVersion(at: now, region: table.region))
        for replica in replicas {
            try writer.enqueueReplication(account: table.account, sourceRegion: table.region, targetRegion: replica.regionName,
                                          name: table.name, sourceTid: table.storageId, pk: key.pk, sk: key.sk, item: newItem,
                                          at: now, due: now, origin: origin.rawValue)
        }
    }
}
