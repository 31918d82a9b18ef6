import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

/// TTL on the simulated clock: the sweeper deletes what the clock has passed, nothing else.
struct TTLSweeperTests {
    let now = Int(Harness.start)

    func harness() throws -> Harness {
        let h = try Harness()
        h.createTable()
        h.ok("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}"#)
        return h
    }

    func key(_ i: Int) -> String { #"{"pk":{"S":"k"},"sk":{"N":"\#(i)"}}"# }

    @Test func sweepsOnlyWhatTheClockPassed() throws {
        let h = try harness()
        h.ok("UpdateContinuousBackups", #"{"TableName":"tab","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"1"},"exp":{"N":"\#(now + 10)"}}"#)
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"2"},"exp":{"N":"\#(now + 100)"}}"#)
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"3"},"exp":{"S":"\#(now)"}}"#)            // not a number: never expires
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"4"}}"#)                                   // no TTL attribute
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"5"},"exp":{"N":"\#(now - 6 * 365 * 86_400)"}}"#)  // expired over five years ago
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"6"},"exp":{"N":"\#(now)"}}"#)              // due right now
        let sweeper = TTLSweeper(service: h.service)
        #expect(try sweeper.sweep() == 1)
        #expect(h.get("tab", key(6)) == nil)
        #expect(try sweeper.sweep() == 0)
        h.clock.advance(by: 50)
        #expect(try sweeper.sweep() == 1)
        #expect(h.get("tab", key(1)) == nil)
        #expect(h.get("tab", key(2)) != nil)
        h.clock.advance(by: 1_000_000)
        #expect(try sweeper.sweep() == 1)
        for i in [3, 4, 5] { #expect(h.get("tab", key(i)) != nil) }
        #expect(h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"]?["ItemCount"] == 3)
        // Deletions are service deletions in item history.
        let table = try #require(h.service.table("tab", env: h.env))
        let origins = try h.store.read { r in
            var out: [String] = []
            try r.history(tid: table.storageId, afterSeq: 0, limit: 100) { out.append($0.origin); return true }
            return out
        }
        #expect(origins.filter { $0 == "ttl" }.count == 3)
        #expect(origins.filter { $0 == "user" }.count == 6)
    }

    /// An expired item not yet swept still reads back, as in DynamoDB.
    @Test func expiredButUnsweptItemsStillRead() throws {
        let h = try harness()
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"1"},"exp":{"N":"\#(now - 1)"}}"#)
        #expect(h.get("tab", key(1)) != nil)
    }

    /// The expiry follows the item: updating the TTL attribute moves or removes it.
    @Test func updatesMoveTheExpiry() throws {
        let h = try harness()
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"1"},"exp":{"N":"\#(now + 10)"}}"#)
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"2"},"exp":{"N":"\#(now + 10)"}}"#)
        h.ok("UpdateItem", #"{"TableName":"tab","Key":\#(key(1)),"UpdateExpression":"SET exp = :later","ExpressionAttributeValues":{":later":{"N":"\#(now + 1000)"}}}"#)
        h.ok("UpdateItem", #"{"TableName":"tab","Key":\#(key(2)),"UpdateExpression":"REMOVE exp"}"#)
        h.clock.advance(by: 20)
        #expect(try TTLSweeper(service: h.service).sweep() == 0)
        h.clock.advance(by: 1000)
        #expect(try TTLSweeper(service: h.service).sweep() == 1)
        #expect(h.get("tab", key(1)) == nil)
        #expect(h.get("tab", key(2)) != nil)
    }

    /// Enabling TTL applies to items written before; disabling stops deletions.
    @Test func enablingAndDisabling() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"1"},"exp":{"N":"\#(now - 5)"}}"#)
        #expect(try TTLSweeper(service: h.service).sweep() == 0)
        h.ok("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}"#)
        h.put("tab", #"{"pk":{"S":"k"},"sk":{"N":"2"},"exp":{"N":"\#(now + 5)"}}"#)
        #expect(try TTLSweeper(service: h.service).sweep() == 1)
        h.ok("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"exp"}}"#)
        h.clock.advance(by: 10)
        #expect(try TTLSweeper(service: h.service).sweep() == 0)
        #expect(h.get("tab", key(2)) != nil)
    }

    @Test func settingsValidation() throws {
        let h = try harness()
        #expect(h.message("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}"#) == "TimeToLive is already enabled")
        #expect(h.message("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"other"}}"#)
            == "TimeToLive is active on a different AttributeName: current AttributeName is exp")
        #expect(h.message("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"other"}}"#)
            == "TimeToLive is active on a different AttributeName: current AttributeName is exp")
        #expect(h.message("UpdateTimeToLive", #"{"TableName":"tab"}"#) == constraint(nil, "timeToLiveSpecification", "Member must not be null"))
        #expect(h.message("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true}}"#)
            == constraint(nil, "timeToLiveSpecification.attributeName", "Member must not be null"))
        #expect(h.ok("DescribeTimeToLive", #"{"TableName":"tab"}"#) == json(#"{"TimeToLiveDescription":{"TimeToLiveStatus":"ENABLED","AttributeName":"exp"}}"#))
        h.ok("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"exp"}}"#)
        #expect(h.message("UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"exp"}}"#) == "TimeToLive is already disabled")
        #expect(h.ok("DescribeTimeToLive", #"{"TableName":"tab"}"#) == json(#"{"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}}"#))
        #expect(h.error("DescribeTimeToLive", #"{"TableName":"nope"}"#)! == ("ResourceNotFoundException", "Requested resource not found: Table: nope not found"))
    }
}
