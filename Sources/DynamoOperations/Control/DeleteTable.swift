import DynamoModel
import DynamoStorage

/// DeleteTable — refused while deletion protection is on, deleting nothing.
struct DeleteTable: TableNameOperation {
    static let name = "DeleteTable"
    static let action = "dynamodb:DeleteTable"
    static let readOnly = false
    let tableName: String

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let key = service.tableKey(tableName, env: env)
        service.store.write(exclusive: true, { writer throws -> (JSONValue, [TableDefinition]) in
            guard let table = service.catalog.get(key) else { throw DynamoError.tableNotFound(key.name) }
            try service.lifecycle.checkIdle(key, now: env.now, deleting: true)
            if table.deletionProtection && table.isReplicated {
                throw ReplicaGroup.protected(table.name, region: table.region)  // [global] the message names the region
            }
            if table.deletionProtection {
                throw DynamoError.validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
            }
            let counters = try TableDescription.counters(for: table, reader: writer.reader)
            try TableDeletion.willDelete(table, writer: writer, now: env.now)  // [pitr] close the stream; system backup
            // [global] Deleting one replica leaves the others, which forget it.
            var others: [TableDefinition] = []
            if table.isReplicated {
                try ReplicaGroup.remove(table, writer: writer, now: env.now, closed: true)
                others = ReplicaGroup.detach(table, catalog: service.catalog)
                for other in others { try DynamoService.save(other, writer: writer) }
            } else {
                try writer.deleteTable(storageId: table.storageId, indexIds: table.allIndexes.map(\.storageId))
            }
            let description = service.withReplicas(TableDescription.render(table, counters: counters, status: "DELETING"), table, now: env.now)
            return (description, others)
        }, completion: { result in
            switch result {
            case .success(let (description, others)):
                for other in others { service.catalog.put(other) }
                service.catalog.remove(key)
                service.lifecycle.deleted(key, description: description, now: env.now)
                completion(.success(encode(["TableDescription": description])))
            case .failure(let error):
                completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }
}
