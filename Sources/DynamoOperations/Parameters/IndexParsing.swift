import DynamoModel

/// Secondary-index definitions from CreateTable / UpdateTable, with AWS's texts.
enum IndexParsing {
    struct Raw {
        var name: String?
        var keyElements: [SchemaParsing.RawKeyElement]?
        var projection: (type: String?, nonKey: [String]?)?
        var throughput: (Int64?, Int64?)?
        var onDemand: OnDemandThroughput?
    }

    static func parseList(_ json: JSONValue?, path: String, global: Bool, constraints: inout Constraints) throws(DynamoError) -> [Raw]? {
        guard let json, !json.isNull else { return nil }
        let list = try Params.list(json)
        var out: [Raw] = []
        for (i, element) in list.enumerated() {
            out.append(try parse(element, path: "\(path).\(i + 1).member", global: global, constraints: &constraints))
        }
        return out
    }

    static func parse(_ element: JSONValue, path: String, global: Bool, constraints: inout Constraints) throws(DynamoError) -> Raw {
        let p = try Params.structure(element)
        let name = try p.string("IndexName")
        constraints.notNull(name, at: "\(path).indexName")
        if let name {
            constraints.tableName(name, at: "\(path).indexName")
        }
        let keys = try SchemaParsing.keyElements(p["KeySchema"], path: "\(path).keySchema", maxCount: global ? nil : 2, constraints: &constraints)
        let projection = try SchemaParsing.projection(p["Projection"], path: "\(path).projection", constraints: &constraints)
        var throughput: (Int64?, Int64?)?
        if global {
            throughput = try SchemaParsing.throughput(p["ProvisionedThroughput"], path: "\(path).provisionedThroughput", constraints: &constraints)
        }
        return Raw(name: name, keyElements: keys, projection: projection, throughput: throughput,
                   onDemand: global ? try SchemaParsing.onDemand(p["OnDemandThroughput"]) : nil)
    }

    /// Builds the index definitions after the constraint pass succeeded.
    static func build(lsis: [Raw]?, gsis: [Raw]?, tableKey: KeySchema, definitions: [AttributeDefinition],
                      billing: BillingMode, allocate: () throws -> Int64, now: Double) throws(DynamoError) -> (local: [IndexDefinition], global: [IndexDefinition]) {
        if let lsis, lsis.isEmpty {
            throw .validation("One or more parameter values were invalid: List of LocalSecondaryIndexes is empty")
        }
        if let gsis, gsis.isEmpty {
            throw .validation("One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty")
        }
        var local: [IndexDefinition] = []
        for raw in lsis ?? [] {
            let key = try SchemaParsing.keySchema(raw.keyElements ?? [], definitions: definitions)
            let projection = try SchemaParsing.checkProjection(raw.projection ?? (nil, nil))
            if tableKey.sortKey == nil {
                throw .validation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
            }
            if key.partitionKey != tableKey.partitionKey {
                throw .validation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: \(raw.name ?? ""). index hash key: \(key.partitionKey), table hash key: \(tableKey.partitionKey)")
            }
            if key.sortKey == nil {
                throw .validation("One or more parameter values were invalid: Index KeySchema does not have a range key for index: \(raw.name ?? "")")
            }
            if local.contains(where: { $0.name == raw.name }) {
                throw .validation("One or more parameter values were invalid: Duplicate index name: \(raw.name ?? "")")
            }
            local.append(IndexDefinition(name: raw.name ?? "", isGlobal: false, storageId: try storageId(allocate), keySchema: key,
                                         projection: projection, provisioned: nil, createdAt: now))
        }
        if local.count > 5 {
            throw .validation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5")
        }
        var global: [IndexDefinition] = []
        for raw in gsis ?? [] {
            let index = try buildGlobal(raw, definitions: definitions, billing: billing, allocate: allocate, now: now)
            if global.contains(where: { $0.name == index.name }) || local.contains(where: { $0.name == index.name }) {
                throw .validation("One or more parameter values were invalid: Duplicate index name: \(index.name)")
            }
            global.append(index)
        }
        if global.count > 20 {
            throw .validation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20")
        }
        return (local, global)
    }

    static func buildGlobal(_ raw: Raw, definitions: [AttributeDefinition], billing: BillingMode,
                            allocate: () throws -> Int64, now: Double) throws(DynamoError) -> IndexDefinition {
        let key = try SchemaParsing.keySchema(raw.keyElements ?? [], definitions: definitions, multiAttribute: true)
        let projection = try SchemaParsing.checkProjection(raw.projection ?? (nil, nil))
        var provisioned: ProvisionedThroughput?
        switch billing {
        case .provisioned:
            guard let t = raw.throughput else {
                throw .validation("One or more parameter values were invalid: ProvisionedThroughput must be specified for index: \(raw.name ?? "")")
            }
            try SchemaParsing.checkThroughputBounds(t)
            provisioned = ProvisionedThroughput(read: t.0 ?? 1, write: t.1 ?? 1)
        case .payPerRequest:
            if raw.throughput != nil {
                throw .validation("One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: \(raw.name ?? "") when BillingMode is PAY_PER_REQUEST")
            }
        }
        var index = IndexDefinition(name: raw.name ?? "", isGlobal: true, storageId: try storageId(allocate), keySchema: key,
                                    projection: projection, provisioned: provisioned, createdAt: now)
        index.onDemand = raw.onDemand
        return index
    }

    static func storageId(_ allocate: () throws -> Int64) throws(DynamoError) -> Int64 {
        do { return try allocate() } catch { throw .internalFailure() }
    }
}
