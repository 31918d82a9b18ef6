import DynamoModel
import Testing
@testable import AuditTrail

/// Hostile requests make bounded records: CloudTrail's field caps, calendar-free DateTime
/// members, and the buffers that hold events in memory.
@Suite struct RecordLimitsTests {
    /// A `…DateTime` member that is no calendar time stays the number sent (it used to trap
    /// in the Double → Int64 conversion and kill the server after it had answered).
    @Test(arguments: ["1e19", "-1e19", "9.3e18", "1e999", "-1e999", "253402300800", "-62135596801"])
    func dateTimeMembersOutsideTheCalendarStayNumbers(_ number: String) {
        let r = renderer.render(event("RestoreTableToPointInTime", request: #"{"TargetTableName":"t","RestoreDateTime":\#(number)}"#))
        #expect(r.json["requestParameters"]?["restoreDateTime"] == .number(number))
        let nested = renderer.render(event("ListTables", request: #"{"A":{"XDateTime":\#(number)}}"#))
        #expect(nested.json["requestParameters"]?["a"]?["xDateTime"] == .number(number))
    }

    @Test func dateTimeMembersInTheCalendarAreWrittenAsCloudTrailDoes() {
        let r = renderer.render(event("RestoreTableToPointInTime", request: #"{"RestoreDateTime":1430465095}"#))
        #expect(r.json["requestParameters"]?["restoreDateTime"] == "May 1, 2015 7:24:55 AM")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e19, -1e19, 9.3e18, Double.greatestFiniteMagnitude])
    func utcTimeIsTotal(_ epoch: Double) {
        let t = UTCTime(epoch: epoch)
        #expect((1...9999).contains(t.year))
        #expect(!t.iso8601.isEmpty && !t.javaMedium.isEmpty)
    }

    @Test func requestParametersOver100KBAreOmitted() {
        let names = (0..<20_000).map { "\"attr\($0)\":{\"S\":\"v\"}" }.joined(separator: ",")
        let r = renderer.render(event("PutItem", request: #"{"TableName":"orders","Item":{"orderId":{"S":"o1"},\#(names)}}"#))
        guard case .object(let members)? = r.json["requestParameters"] else { Issue.record("no requestParameters"); return }
        #expect(members[0].0 == "omitted" && members[0].1 == true)
        #expect((r.json["requestParameters"]?["originalSize"]?.stringValue ?? "").isEmpty)  // a number, not a string
        if case .number(let n)? = r.json["requestParameters"]?["originalSize"] { #expect(Int(n)! > RecordLimits.parametersBytes) }
        #expect(r.bytes.count < 4096)
    }

    @Test func textFieldsAreTruncatedAt1KB() {
        var e = event("GetItem", request: #"{"TableName":"orders"}"#, errorCode: String(repeating: "E", count: 5000))
        e.userAgent = String(repeating: "ü", count: 3000)  // two bytes each: cut on a character boundary
        e.errorMessage = String(repeating: "m", count: 1 << 20)
        let r = renderer.render(e)
        #expect(r.json["userAgent"]?.stringValue?.utf8.count == 1024)
        #expect(r.json["errorCode"]?.stringValue?.utf8.count == 1024)
        #expect(r.json["errorMessage"]?.stringValue?.utf8.count == 1024)
        #expect(r.bytes.count < 8192)
        // The recent-events buffer keeps the same caps.
        let kept = renderer.compacted(e)
        #expect(kept.errorMessage?.utf8.count == 1024)
        #expect(renderer.render(kept).bytes == r.bytes.replacing(e.eventID.utf8, with: kept.eventID.utf8))
    }

    @Test func resourcesAreCappedAt100() {
        let r = renderer.render(event("BatchGetItem", request: "{}", tables: (0..<5000).map { "t\($0)" }))
        #expect(r.json["resources"]?.arrayValue?.count == RecordLimits.maxResources)
    }

    @Test func additionalEventDataOver28KBIsOmitted() {
        var e = event("GetItem", request: "{}")
        e.additionalEventData = [("big", .string(String(repeating: "x", count: 40_000)))]
        #expect(renderer.render(e).json["additionalEventData"]?["omitted"] == true)
    }

    @Test func truncationKeepsWholeCharacters() {
        #expect(RecordLimits.truncated("aé", bytes: 2) == "a")
        #expect(RecordLimits.truncated("aé", bytes: 3) == "aé")
        #expect(RecordLimits.truncated("🙂🙂", bytes: 7) == "🙂")
    }

    /// The recent-events buffer keeps at most its byte budget: the oldest events go first.
    @Test func recentEventsStayWithinTheirByteBudget() {
        let recent = RecentEvents(capacity: 1000, byteBudget: 200_000)
        let big = renderer.compacted(event("PutItem", request: #"{"TableName":"orders","Item":{"orderId":{"S":"o"},"#
            + (0..<3000).map { "\"a\($0)\":{\"S\":\"v\"}" }.joined(separator: ",") + "}}"))
        for _ in 0..<100 { recent.append([big]) }
        #expect(recent.retainedBytes <= 200_000)
        let (events, next) = recent.read(after: 0, filter: .init(), limit: 1000)
        #expect(next == 100)
        #expect(!events.isEmpty && events.count < 100)
        // Small events then push the large ones out; the budget still holds.
        for _ in 0..<2000 { recent.append([event("GetItem", request: "{}")]) }
        let after = recent.read(after: 0, filter: .init(), limit: 5000).events
        #expect(recent.retainedBytes <= 200_000)
        #expect(after.count > 300 && after.allSatisfy { $0.eventName == "GetItem" })
        // With room enough, the ring keeps `capacity` events, as before.
        let roomy = RecentEvents(capacity: 1000)
        for _ in 0..<2000 { roomy.append([event("GetItem", request: "{}")]) }
        #expect(roomy.read(after: 0, filter: .init(), limit: 5000).events.count == 1000)
    }
}
