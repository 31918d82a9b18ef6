import DynamoModel
import DynamoStorage

/// What DeleteTable does besides removing the table, inside its exclusive write: the table's
/// stream is closed (readable, DISABLED, for 24 hours), and a table with point-in-time
/// recovery leaves a system backup named `NAME$DeletedTableBackup`, kept 35 days and
/// restorable by ARN, as AWS does
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html).
enum TableDeletion {
    static func willDelete(_ table: TableDefinition, writer: StorageWriter, now: Double) throws {
        try StreamLifecycle.closed(table, writer: writer, now: now)
        if table.pitr?.enabled == true {
            try BackupSnapshot.take(table, name: "\(table.name)$DeletedTableBackup", type: "SYSTEM", writer: writer, now: now)
        }
    }
}
