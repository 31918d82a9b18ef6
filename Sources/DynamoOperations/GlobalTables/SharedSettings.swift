import DynamoModel
import DynamoStorage

/// [global] The settings every replica of a global table shares: changed on any replica, they
/// change on all (attribute definitions and global secondary indexes, TTL, and a TableClass
/// change, which DynamoDB applies to every replica — `TableClassOverride` sets one replica's).
/// The others — deletion protection, point-in-time recovery, resource policies, tags, the KMS
/// key — stay with the replica they were set on, as DynamoDB keeps them per region
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
/// Only what the change changed is copied, so one replica's own values are never overwritten
/// by another's unrelated change.
enum SharedSettings {
    /// The other replicas, with `table`'s shared settings applied (new indexes backfilled from
    /// each replica's own items, removed ones dropped), saved inside the caller's write.
    static func propagate(_ table: TableDefinition, from original: TableDefinition, catalog: Catalog,
                          writer: StorageWriter) throws -> [TableDefinition] {
        guard let members = table.replicas else { return [] }
        let ttlChanged = table.ttl != original.ttl
        let classChanged = table.tableClass != original.tableClass
        let indexesChanged = table.globalIndexes.map(\.name) != original.globalIndexes.map(\.name)
            || table.attributeDefinitions != original.attributeDefinitions
        guard ttlChanged || classChanged || indexesChanged else { return [] }
        var changed: [TableDefinition] = []
        for member in members {
            guard let other = catalog.get(TableKey(account: table.account, region: member.regionName, name: table.name)) else { continue }
            var updated = other
            if ttlChanged { updated.ttl = table.ttl }
            if classChanged {
                updated.tableClass = table.tableClass
                updated.tableClassLastUpdate = table.tableClassLastUpdate
            }
            if indexesChanged { try syncIndexes(of: &updated, with: table, writer: writer) }
            if updated != other {
                try DynamoService.save(updated, writer: writer)
                changed.append(updated)
            }
        }
        return changed
    }

    /// Creates (and backfills from the replica's own items) and drops indexes so that the
    /// replica has the same global secondary indexes as `table`.
    static func syncIndexes(of updated: inout TableDefinition, with table: TableDefinition, writer: StorageWriter) throws {
        let other = updated
        updated.attributeDefinitions = table.attributeDefinitions
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
    }
}
