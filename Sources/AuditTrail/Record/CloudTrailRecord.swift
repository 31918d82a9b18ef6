import DynamoModel
import WardenSupport

/// A rendered CloudTrail record: the JSON written to log files, LookupEvents and the
/// JSON-lines stream, with the event it came from (which selectors and lookups read).
public struct CloudTrailRecord: Sendable {
    public static let eventVersion = "1.09"

    public let event: AuditEvent
    /// The record's JSON text.
    public let bytes: [UInt8]

    /// The record parsed back (tests and tools; delivery uses `bytes`).
    public var json: JSONValue { (try? JSONParser.parse(bytes)) ?? .null }

    public var eventID: String { event.eventID }
    public var eventTime: Double { event.eventTime }
}

/// Turns `AuditEvent`s into CloudTrail records, in CloudTrail's member order, writing the
/// JSON text directly (records are rendered thousands a second on the audit writer).
public struct RecordRenderer: Sendable {
    public let dataParameters: DataEventParameters

    public init(keySchema: @escaping DataEventParameters.KeySchemaLookup) {
        dataParameters = DataEventParameters(keySchema: keySchema)
    }

    public func render(_ e: AuditEvent) -> CloudTrailRecord {
        var w = JSONWriter(capacity: 900)
        func member(_ name: StaticString, first: Bool = false) {
            if !first { w.raw(",") }
            w.raw("\"")
            w.raw(name)
            w.raw("\":")
        }
        func string(_ name: StaticString, _ value: String) {
            member(name)
            w.writeString(value)
        }
        w.raw("{")
        member("eventVersion", first: true)
        w.raw("\"1.09\"")
        member("userIdentity")
        w.write(e.userIdentity.json)
        string("eventTime", UTCTime(epoch: e.eventTime).iso8601)
        string("eventSource", e.eventSource)
        string("eventName", RecordLimits.truncated(e.eventName))
        string("awsRegion", e.awsRegion)
        string("sourceIPAddress", e.sourceIPAddress)
        if let agent = e.userAgent { string("userAgent", RecordLimits.truncated(agent)) }
        if let code = e.recordedErrorCode {
            string("errorCode", RecordLimits.truncated(code))
            if let message = e.errorMessage { string("errorMessage", RecordLimits.truncated(message)) }
        }
        member("requestParameters")
        w.raw(bytes: Self.text(of: e.request) ?? RecordLimits.capped(JSONWriter.encode(requestParameters(e))))
        member("responseElements")
        w.raw(bytes: Self.text(of: e.response) ?? RecordLimits.capped(JSONWriter.encode(responseElements(e))))
        if !e.additionalEventData.isEmpty {
            member("additionalEventData")
            w.raw(bytes: RecordLimits.capped(JSONWriter.encode(.object(e.additionalEventData)), limit: RecordLimits.additionalEventDataBytes))
        }
        string("requestID", RecordLimits.truncated(e.requestID))
        string("eventID", e.eventID)
        member("readOnly")
        w.raw(e.readOnly ? "true" : "false")
        if !e.resources.isEmpty {
            member("resources")
            w.raw("[")
            for (i, r) in e.resources.prefix(RecordLimits.maxResources).enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{\"accountId\":")
                w.writeString(r.accountId)
                w.raw(",\"type\":")
                w.writeString(r.type)
                w.raw(",\"ARN\":")
                w.writeString(r.arn)
                w.raw("}")
            }
            w.raw("]")
        }
        string("eventType", e.eventType)
        if let api = e.apiVersion { string("apiVersion", api) }
        member("managementEvent")
        w.raw(e.isManagement ? "true" : "false")
        string("recipientAccountId", e.recipientAccountId)
        string("eventCategory", e.category.rawValue)
        if let tls = e.tlsDetails {
            var t: [(String, JSONValue)] = [("tlsVersion", .string(tls.tlsVersion)), ("cipherSuite", .string(tls.cipherSuite))]
            if let host = tls.clientProvidedHostHeader { t.append(("clientProvidedHostHeader", .string(host))) }
            member("tlsDetails")
            w.write(.object(t))
        }
        w.raw("}")
        return CloudTrailRecord(event: e, bytes: w.bytes)
    }

    /// The event with its raw request and response bodies replaced by what its record shows
    /// (keys only for data events, capped as `RecordLimits` says): what the recent-events
    /// buffer keeps, and what a large request's event is reduced to before it is queued, so
    /// that thousands of large requests (25-item batches, 1 MB query pages, 16 MB bodies) do
    /// not stay in memory.
    public func compacted(_ e: AuditEvent) -> AuditEvent {
        var c = e
        c.eventName = RecordLimits.truncated(e.eventName)
        c.userAgent = e.userAgent.map { RecordLimits.truncated($0) }
        c.errorCode = e.errorCode.map { RecordLimits.truncated($0) }
        c.errorMessage = e.errorMessage.map { RecordLimits.truncated($0) }
        if c.resources.count > RecordLimits.maxResources { c.resources.removeLast(c.resources.count - RecordLimits.maxResources) }
        if !Self.isKept(e.request) { c.request = e.request == nil ? nil : Self.kept(requestParameters(e)) }
        if !Self.isKept(e.response) {
            // Data events and read-only calls show no response: skip parsing it.
            let shows = e.category == .management && !e.readOnly && e.recordedErrorCode == nil
            c.response = e.response == nil ? nil : Self.kept(shows ? responseElements(e) : .null)
        }
        return c
    }

    /// Whether a body is already in the form `kept` makes (an event compacted before it was queued).
    static func isKept(_ body: AuditEvent.Body?) -> Bool {
        switch body {
        case .shapedText?, .shapedDeflated?: return true
        default: return false
        }
    }

    /// A body to keep: small ones as text in an exactly sized buffer (the writer's grows by
    /// doubling), large ones compressed (batch keys shrink several times).
    static func kept(_ value: JSONValue) -> AuditEvent.Body {
        let text = RecordLimits.capped(JSONWriter.encode(value))
        if text.count > 512 { return .shapedDeflated(Deflate.compress(text, level: 1)) }
        return .shapedText([UInt8](unsafeUninitializedCapacity: text.count) { buffer, count in
            _ = buffer.initialize(fromContentsOf: text)
            count = text.count
        })
    }

    /// A kept body's text as the record writes it (`kept` stored exactly that: capped JSON), so
    /// rendering a compacted event neither parses nor shapes again; nil for bodies still raw.
    static func text(of body: AuditEvent.Body?) -> [UInt8]? {
        switch body {
        case .shapedText(let text)?: return text
        case .shapedDeflated(let data)?:
            return (try? Deflate.decompress(data, maxOutputBytes: Gzip.defaultMaxOutputBytes)) ?? Array("null".utf8)
        default: return nil
        }
    }

    static func unkept(_ text: [UInt8], deflated: Bool) -> JSONValue {
        guard let bytes = deflated ? try? Deflate.decompress(text, maxOutputBytes: Gzip.defaultMaxOutputBytes) : text else { return .null }
        return (try? JSONParser.parse(bytes)) ?? .null
    }

    func requestParameters(_ e: AuditEvent) -> JSONValue {
        switch e.request {
        case nil: return .null
        case .shaped(let v): return v
        case .shapedText(let text): return Self.unkept(text, deflated: false)
        case .shapedDeflated(let data): return Self.unkept(data, deflated: true)
        case .dynamoBytes(let bytes):
            guard let parsed = try? JSONParser.parse(bytes) else { return .null }
            return shapeRequest(e, parsed)
        case .dynamo(let v): return shapeRequest(e, v)
        }
    }

    func shapeRequest(_ e: AuditEvent, _ v: JSONValue) -> JSONValue {
        if e.category == .data {
            return dataParameters.in(account: e.recipientAccountId, region: e.awsRegion).parameters(operation: e.eventName, request: v)
        }
        guard case .object(let members) = v else { return .null }
        // Item-bearing members never belong to a management call; never log them.
        let kept = members.filter { !Self.itemMembers.contains($0.0) }
        return kept.isEmpty ? .null : CamelCase.convert(.object(kept))
    }

    static let itemMembers: Set<String> = ["Item", "Items", "Key", "Keys", "ExpressionAttributeValues", "AttributeUpdates", "Expected",
                                           "ExclusiveStartKey", "LastEvaluatedKey", "Attributes", "Parameters"]

    /// Data events and read-only calls: null, as CloudTrail writes them. Management writes:
    /// the response, lower-camel-cased.
    func responseElements(_ e: AuditEvent) -> JSONValue {
        switch e.response {
        case nil: return .null
        case .shaped(let v): return v
        case .shapedText(let text): return Self.unkept(text, deflated: false)
        case .shapedDeflated(let data): return Self.unkept(data, deflated: true)
        case .dynamo(let v): return shapeResponse(e, v)
        case .dynamoBytes(let bytes):
            guard let parsed = try? JSONParser.parse(bytes) else { return .null }
            return shapeResponse(e, parsed)
        }
    }

    func shapeResponse(_ e: AuditEvent, _ v: JSONValue) -> JSONValue {
        guard e.category == .management, !e.readOnly, e.recordedErrorCode == nil else { return .null }
        guard case .object(let members) = v, !members.isEmpty else { return .null }
        return CamelCase.convert(v)
    }
}
