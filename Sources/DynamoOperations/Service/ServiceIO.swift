import DynamoModel
import DynamoStorage

extension DynamoService {
    /// A read on a pooled connection, with storage failures reported as InternalServerError.
    func read<T>(_ body: (StorageReader) throws -> T) throws(DynamoError) -> T {
        do {
            return try store.read(body)
        } catch let error as DynamoError {
            throw error
        } catch {
            throw .internalFailure()
        }
    }

    /// A write on the writer thread; `body` sees the table as it is when the write runs
    /// (schema changes are exclusive writes, so it cannot change under the body).
    func writeItem<T>(_ key: TableKey, completion: @escaping @Sendable (Result<T, DynamoError>) -> Void,
                      _ body: @escaping (TableDefinition, StorageWriter) throws -> T) {
        store.write({ writer throws -> T in
            guard let table = self.catalog.get(key) else { throw DynamoError.resourceNotFound() }
            return try body(table, writer)
        }, completion: { result in
            completion(result.mapError { $0 as? DynamoError ?? .internalFailure() })
        })
    }
}

extension ItemWrite {
    /// Decodes stored item JSON (always valid: Warden wrote it).
    static func decode(_ bytes: [UInt8]) throws(DynamoError) -> Item {
        do {
            return try AttributeValueCodec.decodeItem(JSONParser.parse(bytes))
        } catch {
            throw .internalFailure()
        }
    }
}
