import DynamoModel

/// A rendered CloudTrail record: the JSON object written to log files, LookupEvents and the
/// JSON-lines stream, plus the fields that selectors and lookups read.
public struct CloudTrailRecord: Sendable {
    public static let eventVersion = "1.09"

    public let event: AuditEvent
    public let json: JSONValue
    /// `json` encoded once.
    public let bytes: [UInt8]

    public var eventID: String { event.eventID }
    public var eventTime: Double { event.eventTime }
}

/// Turns `AuditEvent`s into CloudTrail records, in CloudTrail's member order.
public struct RecordRenderer: Sendable {
    public let dataParameters: DataEventParameters

    public init(keySchema: @escaping DataEventParameters.KeySchemaLookup) {
        dataParameters = DataEventParameters(keySchema: keySchema)
    }

    public func render(_ e: AuditEvent) -> CloudTrailRecord {
        var m: [(String, JSONValue)] = []
        m.reserveCapacity(24)
        m.append(("eventVersion", .string(CloudTrailRecord.eventVersion)))
        m.append(("userIdentity", e.userIdentity.json))
        m.append(("eventTime", .string(UTCTime(epoch: e.eventTime).iso8601)))
        m.append(("eventSource", .string(e.eventSource)))
        m.append(("eventName", .string(e.eventName)))
        m.append(("awsRegion", .string(e.awsRegion)))
        m.append(("sourceIPAddress", .string(e.sourceIPAddress)))
        if let agent = e.userAgent { m.append(("userAgent", .string(agent))) }
        if let code = e.recordedErrorCode {
            m.append(("errorCode", .string(code)))
            if let message = e.errorMessage { m.append(("errorMessage", .string(message))) }
        }
        m.append(("requestParameters", requestParameters(e)))
        m.append(("responseElements", responseElements(e)))
        if !e.additionalEventData.isEmpty { m.append(("additionalEventData", .object(e.additionalEventData))) }
        m.append(("requestID", .string(e.requestID)))
        m.append(("eventID", .string(e.eventID)))
        m.append(("readOnly", .bool(e.readOnly)))
        if !e.resources.isEmpty {
            m.append(("resources", .array(e.resources.map {
                ["accountId": .string($0.accountId), "type": .string($0.type), "ARN": .string($0.arn)]
            })))
        }
        m.append(("eventType", .string(e.eventType)))
        if let api = e.apiVersion { m.append(("apiVersion", .string(api))) }
        m.append(("managementEvent", .bool(e.isManagement)))
        m.append(("recipientAccountId", .string(e.recipientAccountId)))
        m.append(("eventCategory", .string(e.category.rawValue)))
        if let tls = e.tlsDetails {
            var t: [(String, JSONValue)] = [("tlsVersion", .string(tls.tlsVersion)), ("cipherSuite", .string(tls.cipherSuite))]
            if let host = tls.clientProvidedHostHeader { t.append(("clientProvidedHostHeader", .string(host))) }
            m.append(("tlsDetails", .object(t)))
        }
        let json = JSONValue.object(m)
        return CloudTrailRecord(event: e, json: json, bytes: JSONWriter.encode(json))
    }

    func requestParameters(_ e: AuditEvent) -> JSONValue {
        switch e.request {
        case nil: return .null
        case .shaped(let v): return v
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
