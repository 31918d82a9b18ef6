import DynamoModel
import DynamoStorage

extension DynamoService {
    /// Runs a schema change as an exclusive write: loads the current definition, lets `body`
    /// change it (and the data, e.g. index backfill), saves it, and after the commit puts it in
    /// the catalog and answers with `body`'s response.
    func changeTable(_ key: TableKey, completion: @escaping Completion,
                     _ body: @escaping (inout TableDefinition, StorageWriter) throws -> JSONValue) {
        store.write(exclusive: true, { writer throws -> (TableDefinition, JSONValue, [TableDefinition]) in
            guard var table = self.catalog.get(key) else { throw DynamoError.tableNotFound(key.name) }
            let original = table
            let response = try body(&table, writer)
            var others: [TableDefinition] = []
            if table != original {
                try DynamoService.save(table, writer: writer)
                // [global] Shared settings reach every other replica in the same write.
                if table.isReplicated { others = try SharedSettings.propagate(table, from: original, catalog: self.catalog, writer: writer) }
            }
            return (table, response, others)
        }, completion: { result in
            switch result {
            case .success(let (table, response, others)):
                self.catalog.put(table)
                for other in others { self.catalog.put(other) }
                completion(.success(encode(response)))
            case .failure(let error):
                completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }
}
