import DynamoModel
import DynamoStorage
import Foundation
import TestSupport
import Testing
import WardenSupport
@testable import AuditTrail

/// LookupEvents sees every call answered before it, even when the writer thread's last pass
/// took the call's event and queued its history row without waiting for the commit.
@Suite(.serialized) struct LookupEventsOrderTests {
    @Test func historyQueuedByAnEarlierPassIsCommittedBeforeTheLookupReads() throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try Store(path: folder + "/db.sqlite")
        defer { store.close() }
        let trail = try AuditTrail(store: store, clock: WardenClock(), configuration: AuditTrail.Configuration(trailDirectory: folder + "/trails"),
                                   keySchema: keySchema)
        defer { trail.shutdown() }
        // Hold the writer thread, then let a background pass queue the CreateTable row behind it.
        let gate = DispatchSemaphore(value: 0)
        store.write({ _ in gate.wait() }, completion: { _ in })
        trail.submit(event("CreateTable", request: #"{"TableName":"orders"}"#, time: WardenClock().now()))
        trail.pass(force: false)
        // The lookup runs while the row is still queued; the writer is released shortly after.
        final class Answer: @unchecked Sendable { var result: Result<JSONValue, CloudTrailError>? }  // handed over by `done`
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        Threads.start(name: "lookup") {
            let result = Result { () throws(CloudTrailError) -> JSONValue in
                try trail.lookupEvents(json(#"{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"CreateTable"}]}"#),
                                       account: account, region: region)
            }
            answer.result = result
            done.signal()
        }
        Threads.sleep(seconds: 0.2)
        gate.signal()
        done.wait()
        let events = try #require(try answer.result?.get()["Events"]?.arrayValue)
        #expect(events.count == 1)
        #expect(events.first?["EventName"]?.stringValue == "CreateTable")
    }
}
