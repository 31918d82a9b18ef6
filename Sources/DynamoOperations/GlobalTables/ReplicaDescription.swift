import DynamoModel

/// [global] DescribeTable's `Replicas` and `GlobalTableVersion` for a replica of a global
/// table: the other regions, each described from its own table (its status, its KMS key, its
/// table class, its global secondary indexes) —
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ReplicaDescription.html
extension DynamoService {
    static let globalTableVersion = "2019.11.21"

    /// The description with the replica members appended (unchanged for a regional table).
    /// `pending` holds definitions written but not yet in the catalog (inside a change).
    func withReplicas(_ description: JSONValue, _ table: TableDefinition, now: Double,
                      pending: [TableKey: TableDefinition] = [:]) -> JSONValue {
        guard let members = table.replicas, !members.isEmpty, case .object(var m) = description else { return description }
        let entries: [JSONValue] = members.map { member in
            let key = TableKey(account: table.account, region: member.regionName, name: table.name)
            let other = pending[key] ?? catalog.get(key)
            var r: [(String, JSONValue)] = [("RegionName", .string(member.regionName)),
                                           ("ReplicaStatus", .string(replicaStatus(member, account: table.account, name: table.name, now: now)))]
            if let arn = other?.sse?.kmsMasterKeyArn { r.append(("KMSMasterKeyId", .string(arn))) }
            if let gsis = other?.globalIndexes, !gsis.isEmpty {
                r.append(("GlobalSecondaryIndexes", .array(gsis.map { ["IndexName": .string($0.name)] })))
            }
            if let tableClass = other?.tableClass {
                var summary: [(String, JSONValue)] = [("TableClass", .string(tableClass))]
                if let at = other?.tableClassLastUpdate { summary.append(("LastUpdateDateTime", .timestamp(at))) }
                r.append(("ReplicaTableClassSummary", .object(summary)))
            }
            return .object(r)
        }
        m.append(("GlobalTableVersion", .string(Self.globalTableVersion)))
        m.append(("Replicas", .array(entries)))
        return .object(m)
    }

    /// CREATING for the lifecycle's transition time after the replica was added (at once
    /// ACTIVE when transitions are instant, the default), then ACTIVE; REPLICATION_NOT_AUTHORIZED
    /// while its resource policy stops replication into it.
    func replicaStatus(_ member: ReplicaMember, account: String, name: String, now: Double) -> String {
        if blockedReplicas.contains(TableKey(account: account, region: member.regionName, name: name)) { return "REPLICATION_NOT_AUTHORIZED" }
        return lifecycle.seconds > 0 && now < member.addedAt + lifecycle.seconds ? "CREATING" : "ACTIVE"
    }
}
