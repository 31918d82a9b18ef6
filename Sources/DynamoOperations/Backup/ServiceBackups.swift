import DynamoModel
import DynamoStorage

/// Backups other services take of a table: AWS Backup's jobs make real DynamoDB on-demand
/// backups (BackupType `AWS_BACKUP`), listed by ListBackups, described by DescribeBackup and
/// restorable with RestoreTableFromBackup like any other.
extension DynamoService {
    /// A backup taken for another service: its ARN (the recovery point's), time and size.
    public struct TakenBackup: Sendable {
        public var arn: String
        public var createdAt: Double
        public var sizeBytes: Int64
    }

    /// Snapshots the table `tableArn` names in the writer's transaction (type `AWS_BACKUP`).
    public func takeBackup(tableArn: String, name: String, now: Double,
                           completion: @escaping @Sendable (Result<TakenBackup, DynamoError>) -> Void) {
        guard let parsed = TableArn(tableArn) else { return completion(.failure(.resourceNotFound())) }
        let key = TableKey(account: parsed.account, region: parsed.region, name: parsed.name)
        store.write(exclusive: true, { [catalog] writer throws -> TakenBackup in
            guard let table = catalog.get(key) else { throw DynamoError.tableNotFoundException(key.name) }
            let record = try BackupSnapshot.take(table, name: name, type: "AWS_BACKUP", writer: writer, now: now)
            return TakenBackup(arn: record.arn, createdAt: record.createdAt, sizeBytes: record.sizeBytes)
        }, completion: { result in
            switch result {
            case .success(let taken): completion(.success(taken))
            case .failure(let error): completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }
}
