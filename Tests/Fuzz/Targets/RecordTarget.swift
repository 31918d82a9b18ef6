import AuditTrail
import DynamoModel

/// The audit record renderer: an operation name, a request body, an error message and a
/// user agent (parts separated by `%%` lines) make an event, rendered as-is and compacted.
/// Every record is valid JSON, within CloudTrail's caps, and carries no value that is not
/// a key.
enum RecordTarget {
    /// `orders` has key `orderId`; `music` has `Artist` and `SongTitle`.
    static let renderer = RecordRenderer { _, _, table in
        switch table.split(separator: "/").last.map(String.init) ?? table {
        case "orders": return ["orderId"]
        case "music": return ["Artist", "SongTitle"]
        default: return nil
        }
    }

    /// Larger than any record the caps allow: 100 KB parameters and elements, 28 KB extra
    /// data, 1 KB fields, 100 resources, and the identity.
    static let maxRecordBytes = 300 * 1024

    static let target = FuzzTarget(name: "record") { bytes in
        let p = parts(bytes, count: 4)
        let name = text(p[0])
        let category: AuditEvent.Category = DynamoEventCatalog.isDataEvent(name) ? .data : .management
        let body: AuditEvent.Body = (try? JSONParser.parse(p[1])).map { .dynamo($0) } ?? .dynamoBytes(p[1])
        let event = AuditEvent(
            eventTime: Double(p[1].count) * 1e7, eventSource: DynamoEventCatalog.eventSource, eventName: name, awsRegion: "us-east-1",
            sourceIPAddress: "127.0.0.1", userAgent: text(p[3]),
            userIdentity: UserIdentity(type: .unknown, accessKeyId: text(Array(p[3].prefix(128)))), request: body,
            response: category == .management ? .dynamoBytes(p[1]) : nil, errorCode: p[2].isEmpty ? nil : "ValidationException",
            errorMessage: p[2].isEmpty ? nil : text(p[2]), denied: p[0].count % 7 == 3, requestID: "REQ", eventID: "EV",
            readOnly: DynamoEventCatalog.isReadOnly(name), resources: [], category: category, recipientAccountId: "123456789012",
            apiVersion: DynamoEventCatalog.apiVersion)
        for e in [event, renderer.compacted(event)] {
            let record = renderer.render(e)
            check(record.bytes.count <= maxRecordBytes, "a \(record.bytes.count)-byte record")
            guard let json = try? JSONParser.parse(record.bytes) else { return check(false, "a record that is not JSON") }
            if category == .data { checkNoValues(json["requestParameters"] ?? .null) }
        }
    }

    /// Data events carry attribute values only as `key` members: no `{"S": …}`-shaped value
    /// (or ExpressionAttributeValues member) survives in requestParameters.
    static func checkNoValues(_ value: JSONValue) {
        switch value {
        case .object(let members):
            check(!members.contains { ["expressionAttributeValues", "ExpressionAttributeValues", "parameters", "Parameters"].contains($0.0) },
                  "expression values in a data event's requestParameters")
            for (name, member) in members where name != "key" && name != "keys" && name != "exclusiveStartKey" {
                if case .object(let inner) = member, inner.count == 1, ["S", "N", "B", "SS", "NS", "BS", "M", "L", "BOOL", "NULL"].contains(inner[0].0) {
                    check(false, "a typed attribute value under \(name) in a data event's requestParameters")
                }
                checkNoValues(member)
            }
        case .array(let elements):
            for e in elements { checkNoValues(e) }
        default:
            break
        }
    }
}
