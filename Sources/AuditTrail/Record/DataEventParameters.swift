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

    /// PartiQL: the statement with its values redacted as CloudTrail redacts them ("Non key
    /// attribute values will be redacted in the CloudTrail logs of actions using the PartiQL
    /// API", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/understanding-ddb-log-entries.html);
    /// `Parameters` omitted.
    func statement(_ request: JSONValue) -> JSONValue {
        var m: [(String, JSONValue)] = []
        if let text = request["Statement"]?.stringValue {
            m.append(("statement", .string(Self.redactLiterals(text, keyNames: PartiQLText.tableName(text).flatMap(keySchema) ?? []))))
        }
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

    /// A PartiQL statement with every string, number and Ion literal replaced by
    /// `***(Redacted)`, except what CloudTrail's own examples keep: a key attribute's value in
    /// a WHERE equality (`WHERE Artist = 'No One You Know'`) and a tuple's attribute names
    /// (`{'Artist' : ***(Redacted)}`). An INSERT's item values, SET values and non-key
    /// conditions are redacted; `?` parameters stay as they are.
    static func redactLiterals(_ text: String, keyNames: [String] = []) -> String {
        let tokens = PartiQLText.tokens(text)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var afterWhere = false
        var significant: [PartiQLText.Token] = []  // the tokens so far, without spaces
        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .string, .number, .ion:
                let nextIsColon = tokens[(i + 1)...].first { $0.kind != .space }?.text == [UInt8(ascii: ":")]
                if (token.kind == .string && nextIsColon) || (afterWhere && PartiQLText.isKeyValue(significant, keyNames: keyNames)) {
                    out += token.text
                } else {
                    out += redacted
                }
            default:
                if token.kind == .word, PartiQLText.equalsIgnoringCase(token.text, "WHERE") { afterWhere = true }
                out += token.text
            }
            if token.kind != .space { significant.append(token) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let redacted = Array(DynamoError.redactionMarker.utf8)
}

/// Just enough of PartiQL's lexical structure to redact a statement: quoted names, strings,
/// numbers, Ion literals, words and single characters. Any text splits into tokens; an
/// unterminated quote runs to the end (and is redacted whole when it is a string).
enum PartiQLText {
    enum Kind { case space, word, name, string, number, ion, other }

    struct Token {
        var kind: Kind
        var text: ArraySlice<UInt8>
    }

    static func tokens(_ text: String) -> [Token] {
        let b = Array(text.utf8)
        var out: [Token] = []
        var i = 0
        func isWord(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x24
        }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        while i < b.count {
            let c = b[i]
            let start = i
            let kind: Kind
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                while i < b.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(b[i]) { i += 1 }
                kind = .space
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                i += 1
                while i < b.count {
                    if b[i] == c {
                        if c != UInt8(ascii: "`"), i + 1 < b.count, b[i + 1] == c { i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                kind = c == UInt8(ascii: "'") ? .string : (c == UInt8(ascii: "`") ? .ion : .name)
            case _ where isDigit(c) || (c == UInt8(ascii: ".") && i + 1 < b.count && isDigit(b[i + 1])):
                while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: ".") { i += 1 }
                if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                    i += 1
                    if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                    while i < b.count, isDigit(b[i]) { i += 1 }
                }
                kind = .number
            case _ where isWord(c):
                while i < b.count, isWord(b[i]) { i += 1 }
                kind = .word
            default:
                i += 1
                kind = .other
            }
            out.append(Token(kind: kind, text: b[start..<i]))
        }
        return out
    }

    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ upper: String) -> Bool {
        bytes.count == upper.utf8.count && zip(bytes, upper.utf8).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
    }

    /// The name a word or quoted-name token stands for.
    static func name(_ token: Token) -> String? {
        switch token.kind {
        case .word: return String(decoding: token.text, as: UTF8.self)
        case .name where token.text.count >= 2 && token.text.last == UInt8(ascii: "\""):
            var inner: [UInt8] = []
            var doubled = false
            for c in token.text.dropFirst().dropLast() {
                if c == UInt8(ascii: "\""), doubled { doubled = false; continue }
                doubled = c == UInt8(ascii: "\"")
                inner.append(c)
            }
            return String(decoding: inner, as: UTF8.self)
        default: return nil
        }
    }

    /// Whether the literal after `tokens` is the value of `key = …` on a key attribute
    /// (a top-level name: not `a.key`), a number's sign allowed.
    static func isKeyValue(_ tokens: [Token], keyNames: [String]) -> Bool {
        var j = tokens.count - 1
        if j >= 0, tokens[j].text == [UInt8(ascii: "-")] { j -= 1 }
        guard j >= 1, tokens[j].text == [UInt8(ascii: "=")], let key = name(tokens[j - 1]), keyNames.contains(key) else { return false }
        return j < 2 || tokens[j - 2].text != [UInt8(ascii: ".")]
    }

    /// The table a statement names: the first name after FROM, INTO or UPDATE.
    static func tableName(_ text: String) -> String? {
        let significant = tokens(text).filter { $0.kind != .space }
        for (i, token) in significant.enumerated() where token.kind == .word && i + 1 < significant.count {
            if ["FROM", "INTO", "UPDATE"].contains(where: { equalsIgnoringCase(token.text, $0) }) { return name(significant[i + 1]) }
        }
        return nil
    }
}
