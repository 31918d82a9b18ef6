import DynamoModel
import Synchronization
import Testing
import TestSupport
import WardenSupport
@testable import AWSBackup

@Suite struct ScheduleTests {
    @Test func cronFormsRunHere() {
        let daily = BackupSchedule("cron(0 5 ? * * *)")
        #expect(daily?.minute == 0 && daily?.hours == [5] && daily?.dayOfMonth == nil && daily?.dayOfWeek == nil)
        #expect(BackupSchedule("cron(30 */6 ? * * *)")?.hours == [0, 6, 12, 18])
        #expect(BackupSchedule("cron(0 1,13 ? * * *)")?.hours == [1, 13])
        #expect(BackupSchedule("cron(0 5 ? * SUN *)")?.dayOfWeek == 1)
        #expect(BackupSchedule("cron(0 5 1 * ? *)")?.dayOfMonth == 1)
        #expect(BackupSchedule("cron(0 5 ? 1 * *)") == nil)
        #expect(BackupSchedule("rate(1 day)") == nil)
        #expect(BackupSchedule("cron(61 5 ? * * *)") == nil)
    }

    @Test func latestOccurrenceInAWindow() {
        let daily = BackupSchedule("cron(0 5 ? * * *)")!
        let day = 1_700_006_400.0  // 2023-11-15T00:00:00Z, a Wednesday
        #expect(daily.latest(after: day, upTo: day + 5 * 3600 - 1) == nil)
        #expect(daily.latest(after: day, upTo: day + 5 * 3600) == day + 5 * 3600)
        // Three days later: only the latest occurrence.
        #expect(daily.latest(after: day, upTo: day + 3 * 86_400 + 6 * 3600) == day + 3 * 86_400 + 5 * 3600)
        let sundays = BackupSchedule("cron(0 5 ? * SUN *)")!
        #expect(sundays.latest(after: day, upTo: day + 7 * 86_400) == day + 4 * 86_400 + 5 * 3600)
    }

    @Test func dueRulesBackUpEveryCoveredTableOnce() {
        final class Clock: @unchecked Sendable { var now = 1_700_006_400.0 }  // @unchecked: one test thread
        let time = Clock()
        let tables = FakeTables()
        tables.add("orders", tags: ["backup": "daily"])
        tables.add("logs")
        let service = BackupService(store: BackupStore(clock: WardenClock(offsetSeconds: 0, source: { time.now })), tables: tables)
        let caller = BackupCaller(account: "111122223333", region: "us-east-1", arn: "arn:aws:iam::111122223333:root")
        func call(_ method: String, _ path: String, _ body: String = "") -> JSONValue {
            let prepared = try! service.prepare(BackupRoutes.route(method: method, path: path)!, query: "", body: Array(body.utf8), caller: caller)
            return try! waitForCompletion { done in prepared.run(done) }.get()
        }
        _ = call("PUT", "/backup-vaults/v1")
        let plan = call("PUT", "/backup/plans/", #"{"BackupPlan":{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1","ScheduleExpression":"cron(0 5 ? * * *)"}]}}"#)["BackupPlanId"]!.stringValue!
        _ = call("PUT", "/backup/plans/\(plan)/selections/",
                 #"{"BackupSelection":{"SelectionName":"s","IamRoleArn":"arn:aws:iam::111122223333:role/b","ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}}"#)
        #expect(waitForCompletion { service.runDueRules(completion: $0) } == 0)
        time.now += 6 * 3600
        #expect(waitForCompletion { service.runDueRules(completion: $0) } == 1)
        #expect(waitForCompletion { service.runDueRules(completion: $0) } == 0)
        let jobs = call("GET", "/backup-jobs/")["BackupJobs"]!.arrayValue!
        #expect(jobs.map { $0["ResourceName"]!.stringValue! } == ["orders"])
        #expect(jobs[0]["State"]?.stringValue == "COMPLETED")
        #expect(jobs[0]["CreatedBy"]?["BackupPlanId"]?.stringValue == plan)
        #expect(call("GET", "/backup-vaults/v1/recovery-points/")["RecoveryPoints"]?.arrayValue?.count == 1)
    }
}
