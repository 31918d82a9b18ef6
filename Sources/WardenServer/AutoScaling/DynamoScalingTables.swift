import AppAutoScaling
import DynamoOperations

/// Application Auto Scaling's view of DynamoDB: which tables and global secondary indexes exist.
struct DynamoScalingTables: ScalingTables {
    let service: DynamoService

    func globalIndexes(account: String, region: String, table: String) -> [String]? {
        service.catalog.get(TableKey(account: account, region: region, name: table)).map { $0.globalIndexes.map(\.name) }
    }
}
