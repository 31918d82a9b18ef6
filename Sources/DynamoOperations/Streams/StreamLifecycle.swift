import DynamoModel
import DynamoStorage
import FoundationEssentials

/// Streams come and go with the table's StreamSpecification: enabling opens a new stream (a
/// new label and ARN) whose records are the table's history rows from then on; disabling (or
/// deleting the table) closes it at the newest history row. A closed stream stays readable,
/// DISABLED, until 24 hours after it closed (then the pruner removes it).
enum StreamLifecycle {
    static let retention: Double = 86_400

    /// A label for a stream created at `now`: its creation time, kept distinct from (and after)
    /// the table's previous label.
    static func label(now: Double, previous: String?) -> String {
        // Half a millisecond in, so that rendering (which truncates) lands on `millis`.
        var millis = (now * 1000).rounded(.down)
        var label = StreamLabel.make((millis + 0.5) / 1000)
        while let previous, label <= previous {
            millis += 1
            label = StreamLabel.make((millis + 0.5) / 1000)
        }
        return label
    }

    static func arn(_ table: TableDefinition, label: String) -> String { "\(table.arn)/stream/\(label)" }

    /// Registers the stream the table's definition now names (after enabling).
    static func opened(_ table: TableDefinition, writer: StorageWriter, now: Double) throws {
        guard let stream = table.stream, stream.enabled else { return }
        try writer.ensureBackupSchema()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let schema = Array(try encoder.encode(table.keySchema))
        try writer.insertStream(StreamRow(arn: arn(table, label: stream.label), account: table.account, region: table.region,
                                          tableName: table.name, tid: table.storageId, label: stream.label, viewType: stream.viewType,
                                          keySchema: schema, startSeq: stream.startSeq, createdAt: now))
    }

    /// Closes the table's open stream, if it has one.
    static func closed(_ table: TableDefinition, writer: StorageWriter, now: Double) throws {
        try writer.ensureBackupSchema()
        try writer.closeStreams(tid: table.storageId, endSeq: try writer.reader.latestHistorySeq(), at: now)
    }

    /// Whether a stream is still listed and readable at `now`.
    static func isLive(_ row: StreamRow, now: Double) -> Bool {
        guard let disabledAt = row.disabledAt else { return true }
        return now < disabledAt + retention
    }
}
