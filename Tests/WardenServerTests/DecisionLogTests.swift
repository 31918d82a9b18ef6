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

    @Test func checksThatDecideAlikeShareOneLineWithAllTheirKeyValues() {
        var outcome = Authorizer.Outcome(checks: [], denied: nil)
        let table = "arn:aws:dynamodb:us-east-1:123456789012:table/t"
        for user in ["a", "b", "a"] {
            outcome.note(DecisionLog.Check(action: "dynamodb:BatchGetItem", resource: table, outcome: "allow", message: nil,
                                           context: ["dynamodb:LeadingKeys": [user]], explanation: "allowed"))
        }
        outcome.note(DecisionLog.Check(action: "dynamodb:BatchGetItem", resource: table, outcome: "implicitDeny", message: "no",
                                       context: ["dynamodb:LeadingKeys": ["c"]], explanation: "denied"))
        #expect(outcome.checks.count == 2)
        #expect(outcome.checks[0].count == 3 && outcome.checks[0].context["dynamodb:LeadingKeys"] == ["a", "b"])
        #expect(outcome.checks[1].context["dynamodb:LeadingKeys"] == ["c"])
        let text = DecisionLog.text(DecisionLog.Entry(requestId: "R", callerArn: "u", operation: "BatchGetItem", time: 0, checks: outcome.checks))
        #expect(text.contains("(3 checks alike)") && text.contains(#"dynamodb:LeadingKeys = ["a", "b"]"#))
    }
}
