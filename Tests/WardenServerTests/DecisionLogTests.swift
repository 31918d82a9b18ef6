import Testing
@testable import WardenServer

struct DecisionLogTests {
    static func entry(_ id: String) -> DecisionLog.Entry {
        DecisionLog.Entry(requestId: id, callerArn: "arn:aws:iam::123456789012:user/u", operation: "GetItem", time: 0,
                          checks: [DecisionLog.Check(action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:123456789012:table/t",
                                                     outcome: "allow", message: nil, explanation: "allowed")])
    }

    @Test func keepsTheNewestEntriesUpToCapacity() {
        let log = DecisionLog(capacity: 3)
        for i in 1...5 { log.record(Self.entry("R\(i)")) }
        #expect(log.entry("R1") == nil)
        #expect(log.entry("R2") == nil)
        #expect(["R3", "R4", "R5"].allSatisfy { log.entry($0)?.requestId == $0 })
        #expect(log.entry("R6") == nil)
    }

    @Test func findsEntriesBeforeTheRingIsFull() {
        let log = DecisionLog(capacity: 10)
        #expect(log.entry("R1") == nil)
        log.record(Self.entry("R1"))
        log.record(Self.entry("R2"))
        #expect(log.entry("R1")?.operation == "GetItem")
        #expect(log.entry("R2")?.requestId == "R2")
    }
}
