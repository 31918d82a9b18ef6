import AWSBackup
import DynamoModel
import DynamoOperations

/// AWS Backup's view of DynamoDB: tables by ARN with their tags, and on-demand backups
/// taken through DynamoDB's own backup code.
struct DynamoBackupTables: BackupTables {
    let service: DynamoService

    func table(arn: String) -> BackupTable? {
        guard let parsed = TableArn(arn), parsed.suffix == nil else { return nil }
        return service.catalog.get(TableKey(account: parsed.account, region: parsed.region, name: parsed.name)).map(Self.info)
    }

    func tables(account: String, region: String) -> [BackupTable] {
        service.catalog.all().filter { $0.account == account && $0.region == region }.map(Self.info)
    }

    static func info(_ t: TableDefinition) -> BackupTable {
        var tags: [String: String] = [:]
        for tag in t.tags { tags[tag.key] = tag.value }
        return BackupTable(arn: t.arn, name: t.name, tags: tags)
    }

    func takeBackup(tableArn: String, name: String, now: Double,
                    completion: @escaping @Sendable (Result<(arn: String, createdAt: Double, sizeBytes: Int64), BackupError>) -> Void) {
        service.takeBackup(tableArn: tableArn, name: name, now: now) { result in
            switch result {
            case .success(let b): completion(.success((b.arn, b.createdAt, b.sizeBytes)))
            case .failure(let e): completion(.failure(.invalidRequest(e.message ?? e.code)))
            }
        }
    }
}
