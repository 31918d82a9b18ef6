import DynamoModel
import DynamoStorage

/// UpdateTimeToLive — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
/// Enabling sets every existing item's expiry from its TTL attribute; disabling clears them.
struct UpdateTimeToLive: TableOperation {
    static let name = "UpdateTimeToLive"
    static let action = "dynamodb:UpdateTimeToLive"
    static let readOnly = false
    let tableName: String
    let enabled: Bool
    let attributeName: String

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        let spec = try p.structure("TimeToLiveSpecification")
        c.notNull(spec, at: "timeToLiveSpecification")
        let enabled = try spec?.bool("Enabled")
        let name = try spec?.string("AttributeName")
        if spec != nil {
            c.notNull(name, at: "timeToLiveSpecification.attributeName")
            c.length(name, at: "timeToLiveSpecification.attributeName", min: 1, max: 255)
            c.notNull(enabled, at: "timeToLiveSpecification.enabled")
        }
        try c.check()
        self.enabled = enabled ?? false
        self.attributeName = name ?? ""
    }


    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let enabled = self.enabled, attributeName = self.attributeName
        service.changeTable(service.tableKey(tableName, env: env), completion: completion) { table, writer in
            let current = table.ttl
            if enabled {
                if current?.enabled == true {
                    if current?.attributeName == attributeName { throw DynamoError.validation("TimeToLive is already enabled") }
                    throw DynamoError.validation("TimeToLive is active on a different AttributeName: current AttributeName is \(current!.attributeName)")
                }
            } else if current?.enabled != true {
                throw DynamoError.validation("TimeToLive is already disabled")
            } else if current?.attributeName != attributeName {
                throw DynamoError.validation("TimeToLive is active on a different AttributeName: current AttributeName is \(current!.attributeName)")
            }
            table.ttl = TTLSettings(attributeName: attributeName, enabled: enabled)
            try TimeToLive.resetExpiries(table, writer: writer)
            return ["TimeToLiveSpecification": ["AttributeName": .string(attributeName), "Enabled": .bool(enabled)]]
        }
    }
}

enum TimeToLive {
    /// Recomputes every item's stored expiry for the table's current TTL setting.
    static func resetExpiries(_ table: TableDefinition, writer: StorageWriter) throws {
        var updates: [(EncodedKey, Double?)] = []
        try writer.reader.scanTable(tid: table.storageId, startAfter: nil) { row in
            let item = try ItemWrite.decodeStored(row.item)
            updates.append((EncodedKey(pk: row.pk, sk: row.sk), ItemWrite.expiry(of: item, table: table)))
            return true
        }
        for (key, expires) in updates { try writer.setExpiry(tid: table.storageId, pk: key.pk, sk: key.sk, expires: expires) }
    }
}

/// DescribeTimeToLive
struct DescribeTimeToLive: TableNameOperation {
    static let name = "DescribeTimeToLive"
    static let action = "dynamodb:DescribeTimeToLive"
    static let readOnly = true
    let tableName: String

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        guard let table = service.table(tableName, env: env) else {
            return completion(.failure(.tableNotFound(service.tableKey(tableName, env: env).name)))
        }
        var d: [(String, JSONValue)] = []
        if let ttl = table.ttl, ttl.enabled {
            d = [("TimeToLiveStatus", "ENABLED"), ("AttributeName", .string(ttl.attributeName))]
        } else {
            d = [("TimeToLiveStatus", "DISABLED")]
        }
        completion(.success(encode(["TimeToLiveDescription": .object(d)])))
    }
}
