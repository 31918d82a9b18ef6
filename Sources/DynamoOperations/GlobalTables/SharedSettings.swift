import DynamoModel
import DynamoStorage

/// [global] The settings every replica of a global table shares: changed on any replica, they
/// change on all (attribute definitions and global secondary indexes, TTL). The others —
/// deletion protection, point-in-time recovery, resource policies, tags, table class, the KMS
/// key — stay with the replica they were set on, as DynamoDB keeps them per region
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
enum SharedSettings {
    /// The other replicas, with `table`'s shared settings applied (new indexes backfilled from
    /// each replica's own items, removed ones dropped), saved inside the caller's write.
    static func propagate(_ table: TableDefinition, catalog: Catalog, writer: StorageWriter) throws -> [TableDefinition] {
        guard let members = table.replicas else { return [] }
        var changed: [TableDefinition] = []
        for member in members {
            guard let other = catalog.get(TableKey(account: table.account, region: member.regionName, name: table.name)) else { continue }
            var updated = other
            updated.attributeDefinitions = table.attributeDefinitions
            updated.ttl = table.ttl
            var indexes: [IndexDefinition] = []
            var added: [IndexDefinition] = []
            for index in table.globalIndexes {
                var copy = index
                if let own = other.globalIndexes.first(where: { $0.name == index.name }) {
                    copy.storageId = own.storageId
                } else {
                    copy.storageId = try writer.allocateStorageId()
                    added.append(copy)
                }
                indexes.append(copy)
            }
            for own in other.globalIndexes where !table.globalIndexes.contains(where: { $0.name == own.name }) {
                try writer.deleteIndex(iid: own.storageId)
            }
            updated.globalIndexes = indexes
            for index in added { try IndexRows.backfill(index, table: updated, writer: writer) }
            if updated != other {
                try DynamoService.save(updated, writer: writer)
                changed.append(updated)
            }
        }
        return changed
    }
}
