import Testing
import WardenSupport
@testable import AWSBackup

@Suite struct JobAndCoverageTests {
    let role = "arn:aws:iam::111122223333:role/backup"

    @Test func startBackupJobTakesARealBackupAndRecordsARecoveryPoint() {
        let h = Harness()
        h.tables.add("orders")
        _ = h.ok("PUT", "/backup-vaults/v1")
        let table = "arn:aws:dynamodb:us-east-1:111122223333:table/orders"
        let started = h.ok("PUT", "/backup-jobs", #"{"BackupVaultName":"v1","ResourceArn":"\#(table)","IamRoleArn":"\#(role)"}"#)
        let jobId = started["BackupJobId"]!.stringValue!
        #expect(started["RecoveryPointArn"]?.stringValue == "\(table)/backup/01700000000000-00000000")
        #expect(h.tables.taken.withLock { $0 } == ["AwsBackup-\(jobId)"])
        let job = h.ok("GET", "/backup-jobs/\(jobId)")
        #expect(job["State"]?.stringValue == "COMPLETED")
        #expect(job["BackupSizeInBytes"] == .int64(42))
        #expect(h.ok("GET", "/backup-vaults/v1")["NumberOfRecoveryPoints"] == .int(1))
        let points = h.ok("GET", "/backup-vaults/v1/recovery-points/")["RecoveryPoints"]!.arrayValue!
        #expect(points.map { $0["ResourceArn"]!.stringValue! } == [table])
        #expect(h.ok("GET", "/resources/")["Results"]!.arrayValue!.map { $0["ResourceName"]!.stringValue! } == ["orders"])
        #expect(h.error("DELETE", "/backup-vaults/v1") == .invalidRequest(DeleteBackupVault.notEmpty))
        #expect(h.error("GET", "/backup-jobs/NOPE") == .notFound("Cannot find backup job with id NOPE"))
    }

    @Test func aMissingTableMakesAFailedJobAndAMissingVaultIsDenied() {
        let h = Harness()
        _ = h.ok("PUT", "/backup-vaults/v1")
        let table = "arn:aws:dynamodb:us-east-1:111122223333:table/gone"
        let started = h.ok("PUT", "/backup-jobs", #"{"BackupVaultName":"v1","ResourceArn":"\#(table)","IamRoleArn":"\#(role)"}"#)
        #expect(started["RecoveryPointArn"] == nil)
        #expect(h.ok("GET", "/backup-jobs/", query: "state=FAILED")["BackupJobs"]?.arrayValue?.count == 1)
        #expect(h.error("PUT", "/backup-jobs", #"{"BackupVaultName":"nope","ResourceArn":"\#(table)","IamRoleArn":"\#(role)"}"#) == .vaultNotFound)
        #expect(h.error("PUT", "/backup-jobs", #"{"BackupVaultName":"v1","ResourceArn":"arn:aws:s3:::bucket","IamRoleArn":"\#(role)"}"#)?.code
            == "InvalidParameterValueException")
        #expect(h.error("GET", "/backup-jobs/", query: "state=DONE") == .invalidParameter("Invalid value for ByState: DONE"))
    }

    @Test func selectionsMatchByArnWildcardsTagsAndConditions() {
        let arn = "arn:aws:dynamodb:us-east-1:111122223333:table/orders"
        func covers(_ selection: String, tags: [String: String] = [:]) -> Bool {
            BackupSelectionMatch.covers(try! JSONParser.parse(Array(selection.utf8)), arn: arn, tags: tags)
        }
        #expect(covers(#"{"Resources":["arn:aws:dynamodb:*:*:table/*"]}"#))
        #expect(!covers(#"{"Resources":["arn:aws:dynamodb:*:*:table/other"]}"#))
        #expect(covers(#"{"Resources":["*"],"NotResources":["*/other"]}"#))
        #expect(!covers(#"{"Resources":["*"],"NotResources":["*/orders"]}"#))
        #expect(covers(#"{"ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}"#, tags: ["backup": "daily"]))
        #expect(!covers(#"{"ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}"#, tags: ["backup": "weekly"]))
        #expect(covers(#"{"ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"aws:ResourceTag/backup","ConditionValue":"daily"}]}"#, tags: ["backup": "daily"]))
        #expect(!covers(#"{"Resources":["*"],"Conditions":{"StringEquals":[{"ConditionKey":"aws:ResourceTag/env","ConditionValue":"prod"}]}}"#, tags: ["env": "dev"]))
        #expect(covers(#"{"Conditions":{"StringLike":[{"ConditionKey":"aws:ResourceTag/env","ConditionValue":"pr*"}]}}"#, tags: ["env": "prod"]))
        #expect(!covers(#"{"Conditions":{"StringNotEquals":[{"ConditionKey":"aws:ResourceTag/env","ConditionValue":"prod"}]}}"#, tags: ["env": "prod"]))
        #expect(!covers(#"{}"#))
    }

    @Test func isProtectedIgnoresDeletedPlans() {
        let h = Harness()
        h.tables.add("orders")
        let table = h.tables.table(arn: "arn:aws:dynamodb:us-east-1:111122223333:table/orders")!
        let id = h.plan()
        #expect(!h.service.store.isProtected(table))
        let sid = h.ok("PUT", "/backup/plans/\(id)/selections/",
                       #"{"BackupSelection":{"SelectionName":"s","IamRoleArn":"\#(role)","Resources":["\#(table.arn)"]}}"#)["SelectionId"]!.stringValue!
        #expect(h.service.store.isProtected(table))
        _ = h.ok("DELETE", "/backup/plans/\(id)/selections/\(sid)")
        #expect(!h.service.store.isProtected(table))
    }
}
