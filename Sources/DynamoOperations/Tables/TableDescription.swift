import DynamoModel
import DynamoStorage

/// Renders a table definition in DescribeTable's `TableDescription` shape.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html
enum TableDescription {
    struct Counters {
        var itemCount: Int64
        var sizeBytes: Int64
        var indexes: [String: (itemCount: Int64, sizeBytes: Int64)] = [:]
    }

    static func counters(for table: TableDefinition, reader: StorageReader) throws -> Counters {
        let c = try reader.counters(storageId: table.storageId)
        var counters = Counters(itemCount: c.itemCount, sizeBytes: c.sizeBytes)
        for index in table.allIndexes {
            counters.indexes[index.name] = try reader.indexCounters(iid: index.storageId)
        }
        return counters
    }

    static func render(_ t: TableDefinition, counters: Counters, status: String = "ACTIVE", indexStatus: String? = nil) -> JSONValue {
        var m: [(String, JSONValue)] = []
        m.append(("AttributeDefinitions", .array(t.attributeDefinitions.map {
            ["AttributeName": .string($0.name), "AttributeType": .string($0.type.rawValue)]
        })))
        m.append(("TableName", .string(t.name)))
        m.append(("KeySchema", t.keySchema.json))
        m.append(("TableStatus", .string(status)))
        m.append(("CreationDateTime", .timestamp(t.createdAt)))
        m.append(("ProvisionedThroughput", throughput(t.billingMode == .provisioned ? t.provisioned : .zero)))
        m.append(("TableSizeBytes", .int64(counters.sizeBytes)))
        m.append(("ItemCount", .int64(counters.itemCount)))
        m.append(("TableArn", .string(t.arn)))
        m.append(("TableId", .string(t.tableId)))
        if t.billingMode == .payPerRequest {
            var summary: [(String, JSONValue)] = [("BillingMode", "PAY_PER_REQUEST")]
            if let at = t.lastUpdateToPayPerRequest { summary.append(("LastUpdateToPayPerRequestDateTime", .timestamp(at))) }
            m.append(("BillingModeSummary", .object(summary)))
        } else if t.lastUpdateToPayPerRequest != nil {
            m.append(("BillingModeSummary", ["BillingMode": "PROVISIONED"]))
        }
        if !t.localIndexes.isEmpty {
            m.append(("LocalSecondaryIndexes", .array(t.localIndexes.map { index in
                let c = counters.indexes[index.name] ?? (0, 0)
                return .object([
                    ("IndexName", .string(index.name)),
                    ("KeySchema", index.keySchema.json),
                    ("Projection", projection(index.projection)),
                    ("IndexSizeBytes", .int64(c.sizeBytes)),
                    ("ItemCount", .int64(c.itemCount)),
                    ("IndexArn", .string(index.arn(tableArn: t.arn))),
                ])
            })))
        }
        if !t.globalIndexes.isEmpty {
            m.append(("GlobalSecondaryIndexes", .array(t.globalIndexes.map { index in
                let c = counters.indexes[index.name] ?? (0, 0)
                var g: [(String, JSONValue)] = [
                    ("IndexName", .string(index.name)),
                    ("KeySchema", index.keySchema.json),
                    ("Projection", projection(index.projection)),
                    ("IndexStatus", .string(indexStatus ?? index.status)),
                    ("ProvisionedThroughput", throughput(t.billingMode == .provisioned ? (index.provisioned ?? .zero) : .zero)),
                    ("IndexSizeBytes", .int64(c.sizeBytes)),
                    ("ItemCount", .int64(c.itemCount)),
                    ("IndexArn", .string(index.arn(tableArn: t.arn))),
                ]
                if let od = index.onDemand { g.append(("OnDemandThroughput", onDemand(od))) }
                g.append(("WarmThroughput", warm(t.billingMode, index.provisioned)))
                return .object(g)
            })))
        }
        if let restore = t.restoreSummary { m.append(("RestoreSummary", RestoreRendering.summary(restore, inProgress: false))) }  // [pitr]
        if let stream = t.stream {
            if stream.enabled {
                m.append(("StreamSpecification", ["StreamEnabled": true, "StreamViewType": .string(stream.viewType)]))
            }
            m.append(("LatestStreamLabel", .string(stream.label)))
            m.append(("LatestStreamArn", .string("\(t.arn)/stream/\(stream.label)")))
        }
        if let sse = t.sse {
            var d: [(String, JSONValue)] = [("Status", "ENABLED"), ("SSEType", .string(sse.sseType))]
            if let arn = sse.kmsMasterKeyArn { d.append(("KMSMasterKeyArn", .string(arn))) }
            m.append(("SSEDescription", .object(d)))
        }
        if let tableClass = t.tableClass {
            var summary: [(String, JSONValue)] = [("TableClass", .string(tableClass))]
            if let at = t.tableClassLastUpdate { summary.append(("LastUpdateDateTime", .timestamp(at))) }
            m.append(("TableClassSummary", .object(summary)))
        }
        m.append(("DeletionProtectionEnabled", .bool(t.deletionProtection)))
        if let od = t.onDemand { m.append(("OnDemandThroughput", onDemand(od))) }
        m.append(("WarmThroughput", warm(t.billingMode, t.provisioned)))
        return .object(m)
    }

    /// The description with the given global secondary indexes in another status (an index
    /// being created is also `Backfilling`).
    static func withIndexStatuses(_ description: JSONValue, _ statuses: [String: String]) -> JSONValue {
        guard !statuses.isEmpty, case .object(var members) = description,
              let i = members.firstIndex(where: { $0.0 == "GlobalSecondaryIndexes" }), case .array(let gsis) = members[i].1 else { return description }
        members[i].1 = .array(gsis.map { gsi in
            guard case .object(var g) = gsi, let name = gsi["IndexName"]?.stringValue, let status = statuses[name] else { return gsi }
            if let s = g.firstIndex(where: { $0.0 == "IndexStatus" }) { g[s].1 = .string(status) }
            if status == "CREATING" { g.append(("Backfilling", false)) }
            return .object(g)
        })
        return .object(members)
    }

    static func throughput(_ p: ProvisionedThroughput) -> JSONValue {
        var m: [(String, JSONValue)] = []
        if let at = p.lastIncrease { m.append(("LastIncreaseDateTime", .timestamp(at))) }
        if let at = p.lastDecrease { m.append(("LastDecreaseDateTime", .timestamp(at))) }
        m.append(("NumberOfDecreasesToday", .int(p.decreasesToday)))
        m.append(("ReadCapacityUnits", .int64(p.read)))
        m.append(("WriteCapacityUnits", .int64(p.write)))
        return .object(m)
    }

    static func projection(_ p: IndexProjection) -> JSONValue {
        var m: [(String, JSONValue)] = [("ProjectionType", .string(p.type.rawValue))]
        if p.type == .include { m.append(("NonKeyAttributes", .array(p.nonKeyAttributes.map { .string($0) }))) }
        return .object(m)
    }

    static func onDemand(_ o: OnDemandThroughput) -> JSONValue {
        var m: [(String, JSONValue)] = []
        m.append(("MaxReadRequestUnits", .int64(o.maxRead ?? -1)))
        m.append(("MaxWriteRequestUnits", .int64(o.maxWrite ?? -1)))
        return .object(m)
    }

    /// Warm throughput as AWS reports it for new tables: on-demand starts at 12,000 reads and
    /// 4,000 writes per second; provisioned at its capacity units.
    static func warm(_ mode: BillingMode, _ p: ProvisionedThroughput?) -> JSONValue {
        let (r, w): (Int64, Int64) = mode == .payPerRequest ? (12000, 4000) : (max(p?.read ?? 0, 12000), max(p?.write ?? 0, 4000))
        return ["ReadUnitsPerSecond": .int64(r), "WriteUnitsPerSecond": .int64(w), "Status": "ACTIVE"]
    }
}
