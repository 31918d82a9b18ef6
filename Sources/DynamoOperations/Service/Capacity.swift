import DynamoModel

/// Capacity units as DynamoDB computes them
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html):
/// reads in 4 KB units, halved for eventually consistent reads; writes in 1 KB units, at least
/// one; transactional operations cost double; every index row written costs its own units.
struct Capacity: Sendable {
    var table: Double = 0
    var globalIndexes: [String: Double] = [:]
    var localIndexes: [String: Double] = [:]

    var total: Double { table + globalIndexes.values.reduce(0, +) + localIndexes.values.reduce(0, +) }

    static func readUnits(bytes: Int, consistent: Bool) -> Double {
        let units = Double(max(1, (bytes + 4095) / 4096))
        return consistent ? units : units / 2
    }

    static func writeUnits(bytes: Int) -> Double {
        Double(max(1, (bytes + 1023) / 1024))
    }

    mutating func add(_ other: Capacity) {
        table += other.table
        for (k, v) in other.globalIndexes { globalIndexes[k, default: 0] += v }
        for (k, v) in other.localIndexes { localIndexes[k, default: 0] += v }
    }

    func scaled(_ factor: Double) -> Capacity {
        var c = self
        c.table *= factor
        for k in c.globalIndexes.keys { c.globalIndexes[k]! *= factor }
        for k in c.localIndexes.keys { c.localIndexes[k]! *= factor }
        return c
    }

    /// The `ConsumedCapacity` member for a ReturnConsumedCapacity mode, or nil for NONE.
    func json(tableName: String, mode: String?) -> JSONValue? {
        guard let mode, mode != "NONE" else { return nil }
        var m: [(String, JSONValue)] = [("TableName", .string(tableName)), ("CapacityUnits", Capacity.number(total))]
        if mode == "INDEXES" {
            m.append(("Table", ["CapacityUnits": Capacity.number(table)]))
            if !localIndexes.isEmpty {
                m.append(("LocalSecondaryIndexes", .object(localIndexes.sorted { $0.key < $1.key }.map { ($0.key, ["CapacityUnits": Capacity.number($0.value)]) })))
            }
            if !globalIndexes.isEmpty {
                m.append(("GlobalSecondaryIndexes", .object(globalIndexes.sorted { $0.key < $1.key }.map { ($0.key, ["CapacityUnits": Capacity.number($0.value)]) })))
            }
        }
        return .object(m)
    }

    static func number(_ v: Double) -> JSONValue {
        var text = String(v)
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return .number(text)
    }
}

/// ReturnConsumedCapacity / ReturnItemCollectionMetrics / ReturnValues parameters.
enum ReturnOptions {
    static func consumedCapacity(_ p: Params, constraints c: inout Constraints) throws(DynamoError) -> String? {
        let v = try p.string("ReturnConsumedCapacity")
        c.oneOf(v, at: "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"])
        return v
    }

    static func itemCollectionMetrics(_ p: Params, constraints c: inout Constraints) throws(DynamoError) -> String? {
        let v = try p.string("ReturnItemCollectionMetrics")
        c.oneOf(v, at: "returnItemCollectionMetrics", ["SIZE", "NONE"])
        return v
    }

    static func values(_ p: Params, constraints c: inout Constraints) throws(DynamoError) -> String? {
        let v = try p.string("ReturnValues")
        c.oneOf(v, at: "returnValues", ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"])
        return v
    }

    static func valuesOnConditionCheckFailure(_ p: Params, constraints c: inout Constraints) throws(DynamoError) -> String? {
        let v = try p.string("ReturnValuesOnConditionCheckFailure")
        c.oneOf(v, at: "returnValuesOnConditionCheckFailure", ["ALL_OLD", "NONE"])
        return v
    }
}
