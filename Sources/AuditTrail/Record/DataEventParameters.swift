import DynamoModel

/// `requestParameters` of DynamoDB data events as CloudTrail writes them: the table, the
/// primary key's values, expressions as text with their names, and never a non-key attribute
/// value — PutItem logs `key` plus the item's attribute *names*; expression attribute values,
/// legacy comparison values and PartiQL literals are left out.
/// (Shapes from AWS's "Understanding DynamoDB log file entries" examples.)
public struct DataEventParameters: Sendable {
    /// The key attribute names of a table (by name or ARN, in the caller's account), or nil
    /// when the table is unknown — then no key value is written at all.
    public typealias KeySchemaLookup = @Sendable (_ account: String, _ region: String, _ tableNameOrArn: String) -> [String]?

    let lookup: KeySchemaLookup
    let account: String
    let region: String

    public init(keySchema: @escaping KeySchemaLookup, account: String = "", region: String = "") {
        self.lookup = keySchema
        self.account = account
        self.region = region
    }

    /// The same lookup for a request made in `account` and `region`.
    public func `in`(account: String, region: String) -> DataEventParameters {
        DataEventParameters(keySchema: lookup, account: account, region: region)
    }

    func keySchema(_ table: String) -> [String]? { lookup(account, region, table) }

    /// Scalar members copied as they are (lower-camel-cased).
    static let copied: [String] = [
        "TableName", "IndexName", "KeyConditionExpression", "UpdateExpression", "ConditionExpression", "FilterExpression",
        "ProjectionExpression", "ExpressionAttributeNames", "AttributesToGet", "Select", "Limit", "ConsistentRead",
        "ScanIndexForward", "Segment", "TotalSegments", "ConditionalOperator", "ReturnValues", "ReturnConsumedCapacity",
        "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure", "ClientRequestToken",
    ]
    /// Legacy members whose values are comparisons or updates: only the attribute names are kept.
    static let namesOnly: [String] = ["Expected", "AttributeUpdates", "KeyConditions", "QueryFilter", "ScanFilter"]

    public func parameters(operation: String, request: JSONValue) -> JSONValue {
        switch operation {
        case "PutItem", "UpdateItem", "DeleteItem", "GetItem", "Query", "Scan":
            return single(request, table: request["TableName"]?.stringValue)
        case "BatchGetItem": return batchGet(request)
        case "BatchWriteItem": return batchWrite(request)
        case "TransactGetItems", "TransactWriteItems": return transact(request)
        case "ExecuteStatement": return statement(request)
        case "BatchExecuteStatement", "ExecuteTransaction":
            let list = request["Statements"]?.arrayValue ?? request["TransactStatements"]?.arrayValue ?? []
            var m: [(String, JSONValue)] = [("requestItems", .array(list.map(statement)))]
            copy(request, ["ReturnConsumedCapacity", "ClientRequestToken"], into: &m)
            return .object(m)
        default:
            // Unknown data operations: only scalar, non-item members.
            var m: [(String, JSONValue)] = []
            copy(request, ["TableName", "StreamArn", "ShardId", "ShardIteratorType", "SequenceNumber", "ShardIterator", "Limit"], into: &m)
            return .object(m)
        }
    }

    /// One item operation: key, item names and scalar parameters, in the request's order.
    func single(_ request: JSONValue, table: String?, operation: String? = nil) -> JSONValue {
        var m: [(String, JSONValue)] = []
        if let operation { m.append(("operation", .string(operation))) }
        let keyNames = table.flatMap(keySchema)
        for (name, value) in request.objectValue ?? [] {
            switch name {
            case "Key", "ExclusiveStartKey":
                if let keyNames, let key = Self.key(value, keyNames: keyNames) { m.append((CamelCase.lowerFirst(name), key)) }
            case "Item":
                // PutItem: the key's values and the item's attribute names.
                if let keyNames, let key = Self.key(value, keyNames: keyNames) { m.append(("key", key)) }
                m.append((operation == nil ? "item" : "items", .array((value.objectValue ?? []).map { .string($0.0) })))
            case _ where Self.namesOnly.contains(name):
                m.append((CamelCase.lowerFirst(name), .array((value.objectValue ?? []).map { .string($0.0) })))
            case _ where Self.copied.contains(name):
                if let kept = Self.parameter(name, value) { m.append((CamelCase.lowerFirst(name), kept)) }
            default:
                continue  // ExpressionAttributeValues and anything unknown: never logged.
            }
        }
        return .object(m)
    }

    func batchGet(_ request: JSONValue) -> JSONValue {
        var items: [JSONValue] = []
        for (table, spec) in request["RequestItems"]?.objectValue ?? [] {
            let keyNames = keySchema(table)
            var m: [(String, JSONValue)] = [("tableName", .string(table))]
            if let keyNames {
                m.append(("keys", .array((spec["Keys"]?.arrayValue ?? []).compactMap { Self.key($0, keyNames: keyNames) })))
            }
            copy(spec, ["ProjectionExpression", "ExpressionAttributeNames", "AttributesToGet", "ConsistentRead"], into: &m)
            items.append(.object(m))
        }
        var m: [(String, JSONValue)] = [("requestItems", .array(items))]
        copy(request, ["ReturnConsumedCapacity"], into: &m)
        return .object(m)
    }

    func batchWrite(_ request: JSONValue) -> JSONValue {
        var items: [JSONValue] = []
        for (table, requests) in request["RequestItems"]?.objectValue ?? [] {
            for write in requests.arrayValue ?? [] {
                if let put = write["PutRequest"] {
                    items.append(single(["TableName": .string(table), "Item": put["Item"] ?? [:]], table: table, operation: "Put"))
                } else if let delete = write["DeleteRequest"] {
                    items.append(single(["TableName": .string(table), "Key": delete["Key"] ?? [:]], table: table, operation: "Delete"))
                }
            }
        }
        var m: [(String, JSONValue)] = [("requestItems", .array(items))]
        copy(request, ["ReturnConsumedCapacity", "ReturnItemCollectionMetrics"], into: &m)
        return .object(m)
    }

    func transact(_ request: JSONValue) -> JSONValue {
        var items: [JSONValue] = []
        for entry in request["TransactItems"]?.arrayValue ?? [] {
            for (kind, spec) in entry.objectValue ?? [] {
                items.append(single(spec, table: spec["TableName"]?.stringValue, operation: kind))
            }
        }
        var m: [(String, JSONValue)] = [("requestItems", .array(items))]
        copy(request, ["ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ClientRequestToken"], into: &m)
        return .object(m)
    }

    /// PartiQL: the statement with every literal replaced by `***(Redacted)`; `Parameters` omitted.
    func statement(_ request: JSONValue) -> JSONValue {
        var m: [(String, JSONValue)] = []
        if let text = request["Statement"]?.stringValue { m.append(("statement", .string(Self.redactLiterals(text)))) }
        copy(request, ["ConsistentRead", "Limit", "ReturnConsumedCapacity", "ReturnValuesOnConditionCheckFailure"], into: &m)
        return .object(m)
    }

    func copy(_ source: JSONValue, _ names: [String], into m: inout [(String, JSONValue)]) {
        for name in names {
            if let v = source[name], let kept = Self.parameter(name, v) { m.append((CamelCase.lowerFirst(name), kept)) }
        }
    }

    /// A copied member as the record shows it, when it has its parameter's shape: a scalar,
    /// `ExpressionAttributeNames` a map of strings, `AttributesToGet` a list of strings.
    /// Anything else — an attribute value sent where a name or an expression belongs — is
    /// left out, so no value reaches a data event through a malformed request.
    static func parameter(_ name: String, _ value: JSONValue) -> JSONValue? {
        switch (name, value) {
        case (_, .string), (_, .number), (_, .bool): return value
        case ("ExpressionAttributeNames", .object(let members)) where members.allSatisfy({ $0.1.stringValue != nil }): return value
        case ("AttributesToGet", .array(let elements)) where elements.allSatisfy({ $0.stringValue != nil }): return value
        default: return nil
        }
    }

    /// `{"Artist": {"S": "x"}}` → `{"Artist": "x"}`, keeping only the table's key attributes.
    static func key(_ value: JSONValue, keyNames: [String]) -> JSONValue? {
        guard value.objectValue != nil else { return nil }
        var out: [(String, JSONValue)] = []
        for name in keyNames {
            guard let typed = value[name]?.objectValue, typed.count == 1 else { continue }
            switch typed[0].1 {
            case .string(let s): out.append((name, .string(s)))
            case .number(let n): out.append((name, .string(n)))
            default: continue
            }
        }
        return .object(out)
    }

    /// Replaces quoted strings, numbers and `?` values of a PartiQL statement.
    static func redactLiterals(_ text: String) -> String {
        let redacted = Array(DynamoError.redactionMarker.utf8)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        var previousIsWordChar = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "'") {
                i += 1
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "'") {
                        if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "'") { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
                out += redacted
                previousIsWordChar = false
                continue
            }
            let isDigit = b >= 0x30 && b <= 0x39
            if isDigit && !previousIsWordChar {
                while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e")
                    || bytes[i] == UInt8(ascii: "E") { i += 1 }
                out += redacted
                previousIsWordChar = false
                continue
            }
            out.append(b)
            previousIsWordChar = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || isDigit || b == UInt8(ascii: "_") || b == UInt8(ascii: "\"")
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
