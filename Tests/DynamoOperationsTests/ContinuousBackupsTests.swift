import DynamoModel
import Testing
@testable import DynamoOperations

@Suite struct PITRWindowTests {
    @Test func windowStartsAtTheFirstWholeSecondAfterEnablingAndLagsFiveMinutes() {
        let settings = PITRSettings(enabled: true, recoveryPeriodInDays: 35, enabledAt: 1000.25)
        #expect(PITRWindow(settings, now: 1000.5) == PITRWindow(earliestLatest: 1001, 1001))
        #expect(PITRWindow(settings, now: 2000.9) == PITRWindow(earliestLatest: 1001, 1700))
        let later = PITRWindow(settings, now: 1000 + 40 * 86_400)
        #expect(later.earliest == 1000 + 5 * 86_400)
        #expect(later.contains(later.earliest) && later.contains(later.latest) && !later.contains(later.latest + 1))
    }

    @Test func recoveryPeriodBoundsTheWindow() {
        let settings = PITRSettings(enabled: true, recoveryPeriodInDays: 1, enabledAt: 0)
        #expect(PITRWindow(settings, now: 10 * 86_400).earliest == 9 * 86_400)
    }
}

extension PITRWindow {
    init(earliestLatest earliest: Double, _ latest: Double) {
        self.init(PITRSettings(enabled: true, recoveryPeriodInDays: 35, enabledAt: earliest), now: earliest)
        self.earliest = earliest
        self.latest = latest
    }
}

@Suite struct ContinuousBackupsTests {
    @Test func describeBeforeAndAfterEnabling() throws {
        let h = try PITRHarness()
        try h.createTable("orders")
        let before = try h.ok("DescribeContinuousBackups", #"{"TableName":"orders"}"#)
        #expect(JSONWriter.string(before) == #"{"ContinuousBackupsDescription":{"ContinuousBackupsStatus":"ENABLED","PointInTimeRecoveryDescription":{"PointInTimeRecoveryStatus":"DISABLED"}}}"#)
        let after = try h.ok("UpdateContinuousBackups", #"{"TableName":"orders","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true,"RecoveryPeriodInDays":7}}"#)
        #expect(JSONWriter.string(after) == #"{"ContinuousBackupsDescription":{"ContinuousBackupsStatus":"ENABLED","PointInTimeRecoveryDescription":{"PointInTimeRecoveryStatus":"ENABLED","RecoveryPeriodInDays":7,"EarliestRestorableDateTime":1700000000,"LatestRestorableDateTime":1700000000}}}"#)
        h.clock.advance(by: 3600)
        let later = try h.ok("DescribeContinuousBackups", #"{"TableName":"orders"}"#)
        #expect(later["ContinuousBackupsDescription"]?["PointInTimeRecoveryDescription"]?["LatestRestorableDateTime"] == .number("1700003300"))
    }

    @Test func errors() throws {
        let h = try PITRHarness()
        try h.createTable("orders")
        #expect(h.error("DescribeContinuousBackups", #"{"TableName":"nope"}"#) == .tableNotFoundException("nope"))
        #expect(h.error("DescribeContinuousBackups", #"{"TableName":"nope"}"#)?.message == "Table not found: nope")
        #expect(h.error("RestoreTableToPointInTime", #"{"SourceTableName":"orders","TargetTableName":"copy","UseLatestRestorableTime":true}"#)?.message
                == "Point in time recovery is not enabled for table 'orders'")
        #expect(h.error("UpdateContinuousBackups", #"{"TableName":"orders","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true,"RecoveryPeriodInDays":40}}"#)?.message
                == "1 validation error detected: Value '40' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35")
    }
}

@Suite struct PointInTimeRestoreTests {
    @Test func restoresTheItemsOfEachSecond() throws {
        let h = try PITRHarness()
        try h.createTable("orders")
        try h.ok("UpdateContinuousBackups", #"{"TableName":"orders","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        h.clock.advance(by: 1)
        try h.put("orders", "a", "1", v: 1)
        try h.put("orders", "b", "1", v: 1)
        h.clock.advance(by: 10)
        let t1 = h.clock.now()
        try h.put("orders", "a", "1", v: 2)
        try h.delete("orders", "b", "1")
        try h.put("orders", "c", "1", v: 1)
        h.clock.advance(by: 10)
        let t2 = h.clock.now()
        try h.delete("orders", "a", "1")
        try h.put("orders", "b", "1", v: 9)
        h.clock.advance(by: 400)
        try h.ok("RestoreTableToPointInTime", #"{"SourceTableName":"orders","TargetTableName":"at-t1","RestoreDateTime":\#(Int(t1))}"#)
        try h.ok("RestoreTableToPointInTime", #"{"SourceTableName":"orders","TargetTableName":"at-t2","RestoreDateTime":\#(Int(t2))}"#)
        #expect(try h.contents("at-t1") == ["a/1=1", "b/1=1"])
        #expect(try h.contents("at-t2") == ["a/1=2", "c/1=1"])
        #expect(try h.contents("orders") == ["b/1=9", "c/1=1"])
        let described = try h.ok("DescribeTable", #"{"TableName":"at-t2"}"#)
        #expect(described["Table"]?["ItemCount"] == .number("2"))
        #expect(JSONWriter.string(described["Table"]?["RestoreSummary"] ?? .null)
                == #"{"SourceTableArn":"arn:aws:dynamodb:us-east-1:123456789012:table/orders","RestoreDateTime":\#(Int(t2)),"RestoreInProgress":false}"#)
    }

    @Test func theTimeMustLieInTheWindow() throws {
        let h = try PITRHarness()
        try h.createTable("orders")
        try h.ok("UpdateContinuousBackups", #"{"TableName":"orders","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        h.clock.advance(by: 1000)
        let now = Int(h.clock.now())
        let error = h.error("RestoreTableToPointInTime", #"{"SourceTableName":"orders","TargetTableName":"copy","RestoreDateTime":\#(now - 10)}"#)
        #expect(error?.code == "InvalidRestoreTimeException")
        #expect(h.error("RestoreTableToPointInTime", #"{"SourceTableName":"orders","TargetTableName":"copy","RestoreDateTime":\#(now - 2000)}"#)?.code
                == "InvalidRestoreTimeException")
        #expect(h.error("RestoreTableToPointInTime", #"{"SourceTableName":"orders","TargetTableName":"orders","UseLatestRestorableTime":true}"#)?.message
                == "Table already exists: orders")
    }
}
