import DynamoModel
import DynamoStorage
import FoundationEssentials

/// LookupEvents over the management-event history (CloudTrail's event history shows
/// management events only), newest first.
extension AuditTrail {
    static let lookupKeys: [String: String] = [
        "EventId": "event_id", "EventName": "event_name", "Username": "username", "ResourceType": "resource_type",
        "ResourceName": "resource_name", "EventSource": "event_source", "ReadOnly": "read_only", "AccessKeyId": "access_key_id",
    ]

    public func lookupEvents(_ p: JSONValue, account: String, region: String) throws(CloudTrailError) -> JSONValue {
        commitHistory()
        var sql = "SELECT seq, record FROM audit_events WHERE account = ?1 AND region = ?2"
        var strings: [String] = [account, region]
        let attributes = p["LookupAttributes"]?.arrayValue ?? []
        guard attributes.count <= 1 else {
            throw .invalidLookupAttributes("You cannot specify more than one lookup attribute.")
        }
        for attribute in attributes {
            guard let key = attribute["AttributeKey"]?.stringValue, let column = Self.lookupKeys[key] else {
                throw .invalidLookupAttributes("Invalid attribute key: \(attribute["AttributeKey"]?.stringValue ?? "null")")
            }
            guard let value = attribute["AttributeValue"]?.stringValue, !value.isEmpty else {
                throw .invalidLookupAttributes("AttributeValue must not be empty.")
            }
            strings.append(value)
            sql += " AND \(column) = ?\(strings.count)"
        }
        let start = Self.time(p["StartTime"])
        let end = Self.time(p["EndTime"])
        if let start, let end, start > end { throw CloudTrailError("InvalidTimeRangeException", "Start time must be before end time.") }
        var numbers: [Double] = []
        if let start { numbers.append(start); sql += " AND event_time >= ?\(strings.count + numbers.count)" }
        if let end { numbers.append(end); sql += " AND event_time <= ?\(strings.count + numbers.count)" }
        if let category = p["EventCategory"]?.stringValue, category != "insight" {
            throw CloudTrailError("InvalidEventCategoryException", "Invalid event category: \(category)")
        }
        var limit = 50
        if let m = p["MaxResults"] {
            guard case .number(let text) = m, let n = Int(text), (1...50).contains(n) else {
                throw CloudTrailError("InvalidMaxResultsException", "MaxResults must be between 1 and 50.")
            }
            limit = n
        }
        if let token = p["NextToken"]?.stringValue {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                  text.hasPrefix("seq:"), let seq = Int64(text.dropFirst(4)) else {
                throw CloudTrailError("InvalidNextTokenException", "Invalid NextToken.")
            }
            sql += " AND seq < \(seq)"
        }
        // Arrival order is time order: the service clock only moves forward.
        sql += " ORDER BY seq DESC LIMIT \(limit + 1)"
        var rows: [(Int64, [UInt8])] = []
        do {
            let db = try SQLiteConnection(path: storage.store.path, readOnly: true)
            let s = try db.statement(sql)
            for (i, v) in strings.enumerated() { s.bind(Int32(i + 1), v) }
            for (i, v) in numbers.enumerated() { s.bind(Int32(strings.count + i + 1), v) }
            while try s.step() { rows.append((s.int64(0), s.blob(1))) }
        } catch {
            throw CloudTrailError("InternalErrorException", "Event history is unavailable.", httpStatus: 500)
        }
        var events: [JSONValue] = []
        for (_, bytes) in rows.prefix(limit) {
            guard let record = try? JSONParser.parse(bytes) else { continue }
            events.append(Self.lookupResult(record, raw: bytes))
        }
        var m: [(String, JSONValue)] = [("Events", .array(events))]
        if rows.count > limit, let last = rows.prefix(limit).last {
            m.append(("NextToken", .string(Data("seq:\(last.0)".utf8).base64EncodedString())))
        }
        return .object(m)
    }

    /// One LookupEvents result from a stored record.
    static func lookupResult(_ record: JSONValue, raw: [UInt8]) -> JSONValue {
        var m: [(String, JSONValue)] = []
        m.append(("EventId", record["eventID"] ?? .null))
        m.append(("EventName", record["eventName"] ?? .null))
        m.append(("ReadOnly", .string(record["readOnly"]?.boolValue == true ? "true" : "false")))
        if let key = record["userIdentity"]?["accessKeyId"] { m.append(("AccessKeyId", key)) }
        if let time = record["eventTime"]?.stringValue.flatMap(UTCTime.parse) { m.append(("EventTime", .timestamp(time))) }
        m.append(("EventSource", record["eventSource"] ?? .null))
        let identity = record["userIdentity"]
        let kind = identity?["type"]?.stringValue
        var username: String?
        switch kind {
        case "Root": username = identity?["userName"]?.stringValue ?? "root"
        case "AWSService": username = identity?["invokedBy"]?.stringValue
        case "AssumedRole", "WebIdentityUser":
            username = identity?["arn"]?.stringValue.flatMap { $0.split(separator: "/").last.map(String.init) }
        default: username = identity?["userName"]?.stringValue
        }
        if let username { m.append(("Username", .string(username))) }
        let resources = (record["resources"]?.arrayValue ?? []).compactMap { r -> JSONValue? in
            guard let type = r["type"]?.stringValue, let arn = r["ARN"]?.stringValue else { return nil }
            return ["ResourceType": .string(type), "ResourceName": .string(AuditEvent.Resource(type: type, arn: arn, accountId: "").name)]
        }
        m.append(("Resources", .array(resources)))
        m.append(("CloudTrailEvent", .string(String(decoding: raw, as: UTF8.self))))
        return .object(m)
    }

    /// A timestamp member: epoch seconds (JSON number) or ISO-8601 text.
    static func time(_ v: JSONValue?) -> Double? {
        switch v {
        case .number(let text)?: return Double(text)
        case .string(let text)?: return UTCTime.parse(text) ?? Double(text)
        default: return nil
        }
    }
}
