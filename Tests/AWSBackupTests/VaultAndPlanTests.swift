import Testing
import WardenSupport
@testable import AWSBackup

@Suite struct VaultAndPlanTests {
    @Test func vaultLifecycleAndItsErrors() {
        let h = Harness()
        let created = h.ok("PUT", "/backup-vaults/Default")
        #expect(created["BackupVaultArn"]?.stringValue == "arn:aws:backup:us-east-1:111122223333:backup-vault:Default")
        #expect(h.error("PUT", "/backup-vaults/Default") == BackupError("AlreadyExistsException", "Backup vault with the same name already exists",
                                                                        extra: ["Arn": "arn:aws:backup:us-east-1:111122223333:backup-vault:Default"]))
        #expect(h.error("PUT", "/backup-vaults/x")?.code == "InvalidParameterValueException")
        #expect(h.error("PUT", "/backup-vaults/" + String(repeating: "a", count: 51))?.message.hasPrefix("Invalid backup vault name: aaaa") == true)
        #expect(h.error("GET", "/backup-vaults/missing") == .vaultNotFound)
        // The Default vault goes only while another vault exists.
        #expect(h.error("DELETE", "/backup-vaults/Default") == .invalidRequest(DeleteBackupVault.lastDefault))
        _ = h.ok("PUT", "/backup-vaults/other")
        #expect(h.ok("GET", "/backup-vaults/")["BackupVaultList"]?.arrayValue?.map { $0["BackupVaultName"]!.stringValue! } == ["Default", "other"])
        _ = h.ok("DELETE", "/backup-vaults/Default")
        #expect(h.error("GET", "/backup-vaults/Default") == .vaultNotFound)
    }

    @Test func planRulesGetIdsAndDefaults() {
        let h = Harness()
        let id = h.plan()
        let got = h.ok("GET", "/backup/plans/\(id)/")
        let rule = got["BackupPlan"]!["Rules"]!.arrayValue![0]
        #expect(rule["ScheduleExpression"]?.stringValue == "cron(0 5 ? * * *)")
        #expect(rule["StartWindowMinutes"] == .int(480))
        #expect(rule["CompletionWindowMinutes"] == .int(10080))
        #expect(rule["RuleId"]?.stringValue?.count == 36)
        #expect(got["BackupPlanArn"]?.stringValue == "arn:aws:backup:us-east-1:111122223333:backup-plan:\(id)")
        #expect(h.error("PUT", "/backup/plans/", #"{"BackupPlan":{"BackupPlanName":"daily","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1"}]}}"#)?.code
            == "AlreadyExistsException")
        #expect(h.error("PUT", "/backup/plans/", #"{"BackupPlan":{"BackupPlanName":"p2","Rules":[]}}"#)
            == .invalidParameter("Backup plan must contain at least one rule"))
        #expect(h.error("PUT", "/backup/plans/", "{not json") == .serialization())
        #expect(h.error("GET", "/backup/plans/nope/") == .planNotFound)
        let version = got["VersionId"]!.stringValue!
        let updated = h.ok("POST", "/backup/plans/\(id)", #"{"BackupPlan":{"BackupPlanName":"daily","Rules":[{"RuleName":"r2","TargetBackupVaultName":"v1"}]}}"#)
        #expect(updated["VersionId"]?.stringValue != version)
        #expect(h.error("GET", "/backup/plans/\(id)/", query: "versionId=\(version)") == .planNotFound)
    }

    @Test func aPlanWithSelectionsCannotBeDeleted() {
        let h = Harness()
        let id = h.plan()
        let sel = h.ok("PUT", "/backup/plans/\(id)/selections/",
                       #"{"BackupSelection":{"SelectionName":"all","IamRoleArn":"arn:aws:iam::111122223333:role/backup","Resources":["*"]}}"#)
        let sid = sel["SelectionId"]!.stringValue!
        #expect(h.error("DELETE", "/backup/plans/\(id)") == .invalidRequest(DeleteBackupPlan.hasSelections))
        _ = h.ok("DELETE", "/backup/plans/\(id)/selections/\(sid)")
        let deleted = h.ok("DELETE", "/backup/plans/\(id)")
        #expect(deleted["DeletionDate"] != nil)
        #expect(h.ok("GET", "/backup/plans/")["BackupPlansList"]?.arrayValue?.count == 0)
        #expect(h.ok("GET", "/backup/plans/", query: "includeDeleted=true")["BackupPlansList"]?.arrayValue?.count == 1)
    }

    @Test func selectionsNeedARoleArnAndDeclarePassRole() throws {
        let h = Harness()
        let id = h.plan()
        #expect(h.error("PUT", "/backup/plans/\(id)/selections/", #"{"BackupSelection":{"SelectionName":"s","IamRoleArn":"backup-role"}}"#)
            == .invalidParameter("Invalid ARN: backup-role"))
        let prepared = try h.prepare("PUT", "/backup/plans/\(id)/selections/",
                                     #"{"BackupSelection":{"SelectionName":"s","IamRoleArn":"arn:aws:iam::111122223333:role/b"}}"#)
        #expect(prepared.checks.map(\.action) == ["backup:CreateBackupSelection", "iam:PassRole"])
        #expect(prepared.checks[0].resource == "arn:aws:backup:us-east-1:111122223333:backup-plan:\(id)")
        #expect(prepared.checks[1].conditionKeys == ["iam:PassedToService": ["backup.amazonaws.com"]])
    }
}
