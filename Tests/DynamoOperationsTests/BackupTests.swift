import DynamoModel
import DynamoStorage
import Foundation
import TestSupport
import Testing
@testable import DynamoOperations

@Suite struct BackupTests {
    @Test func snapshotIsImmutableAndRestorable() throws {
        let h = try PITRHarness()
        try h.createTable("orders")
        try h.put("orders", "a", "1", v: 1)
        let created = try h.ok("CreateBackup", #"{"TableName":"orders","BackupName":"nightly"}"#)
        let arn = created["BackupDetails"]?["BackupArn"]?.stringValue ?? ""
        #expect(arn.hasPrefix("arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01700000000000-"))
        #expect(created["BackupDetails"]?["BackupStatus"] == "CREATING")
        try h.put("orders", "a", "1", v: 2)
        try h.put("orders", "b", "1", v: 1)
        try h.ok("DeleteTable", #"{"TableName":"orders"}"#)
        try h.ok("RestoreTableFromBackup", #"{"TargetTableName":"orders","BackupArn":"\#(arn)"}"#)
        #expect(try h.contents("orders") == ["a/1=1"])
        let listed = try h.ok("ListBackups", "{}")
        #expect(listed["BackupSummaries"]?.arrayValue?.count == 1)
        let deleted = try h.ok("DeleteBackup", #"{"BackupArn":"\#(arn)"}"#)
        #expect(deleted["BackupDescription"]?["BackupDetails"]?["BackupStatus"] == "DELETED")
        #expect(h.error("DescribeBackup", #"{"BackupArn":"\#(arn)"}"#)?.message == "Backup not found: \(arn)")
    }

    @Test func deletingAPITRTableKeepsASystemBackup() throws {
        let h = try PITRHarness()
        try h.createTable("orders")
        try h.ok("UpdateContinuousBackups", #"{"TableName":"orders","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        try h.put("orders", "a", "1", v: 1)
        try h.ok("DeleteTable", #"{"TableName":"orders"}"#)
        #expect(try h.ok("ListBackups", "{}")["BackupSummaries"] == .array([]))
        let system = try h.ok("ListBackups", #"{"BackupType":"SYSTEM"}"#)["BackupSummaries"]?.arrayValue ?? []
        #expect(system.count == 1)
        #expect(system.first?["BackupName"] == "orders$DeletedTableBackup")
        #expect(system.first?["BackupExpiryDateTime"] == .number(String(Int(PITRHarness.base) + 35 * 86_400)))
    }

    @Test func prunerRemovesExpiredSystemBackupsAndUnneededHistory() throws {
        let h = try PITRHarness()
        try h.createTable("plain")
        try h.createTable("kept")
        try h.ok("UpdateContinuousBackups", #"{"TableName":"kept","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        try h.ok("UpdateContinuousBackups", #"{"TableName":"plain","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        try h.put("plain", "a", "1", v: 1)
        try h.put("kept", "a", "1", v: 1)
        // PITR turned off: the history it kept is no longer needed.
        try h.ok("UpdateContinuousBackups", #"{"TableName":"plain","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":false}}"#)
        try h.ok("DeleteTable", #"{"TableName":"kept"}"#)
        h.clock.advance(by: 10)
        let pruner = HistoryPruner(service: h.service)
        #expect(try pruner.prune() == 2)  // neither table needs its history any more
        #expect(try h.store.read { try $0.backups(account: "123456789012", region: "us-east-1") }.count == 1)
        h.clock.advance(by: 36 * 86_400)
        try pruner.prune()
        #expect(try h.store.read { try $0.backups(account: "123456789012", region: "us-east-1") }.isEmpty)
    }
}

@Suite struct PrunerCutoffTests {
    @Test func eachTableKeepsWhatItsConsumersNeed() {
        let now: Double = 100 * 86_400
        var withPITR = TableDefinition(account: "1", region: "r", name: "p", tableId: "x", storageId: 1,
                                       keySchema: KeySchema(partitionKey: "pk", partitionType: .S), attributeDefinitions: [],
                                       billingMode: .payPerRequest, provisioned: .zero, createdAt: 0)
        withPITR.pitr = PITRSettings(enabled: true, recoveryPeriodInDays: 35, enabledAt: 0)
        let stream = StreamRow(arn: "a", account: "1", region: "r", tableName: "s", tid: 2, label: "l", viewType: "KEYS_ONLY",
                               keySchema: [], startSeq: 0, createdAt: 0)
        let closedLongAgo = StreamRow(arn: "b", account: "1", region: "r", tableName: "d", tid: 3, label: "l", viewType: "KEYS_ONLY",
                                      keySchema: [], startSeq: 0, endSeq: 5, createdAt: 0, disabledAt: now - 2 * 86_400)
        let cutoffs = HistoryPruner.cutoffs(tables: [withPITR], streams: [stream, closedLongAgo], historyTids: [1, 2, 3, 4], now: now)
        #expect(cutoffs[1] == now - 35 * 86_400)
        #expect(cutoffs[2] == now - 86_400)
        #expect(cutoffs[3] == now)
        #expect(cutoffs[4] == now)
    }
}

@Suite struct UnmigratedStoreTests {
    /// Other modules' harnesses open a store without the PITR migrations: table lifecycle
    /// hooks apply them on first use.
    @Test func tableLifecycleWorksWithoutTheStartupMigration() throws {
        let directory = makeScratchFolder("pitr-unmigrated")
        defer { removeScratchFolder(directory) }
        let store = try Store(path: directory + "/warden.sqlite")
        defer { store.close() }
        #expect(try store.read { try $0.meta("schema.pitr") } == nil)
        let service = try DynamoService(store: store, clock: WardenClock(source: { 1_700_000_000 }))
        let env = RequestEnvironment(requestId: "t", accountId: "1", region: "r", callerArn: "x", now: 1_700_000_000)
        func run(_ name: String, _ body: String) throws {
            let op = try OperationRegistry.dynamo[name]!.init(params: Params(try JSONParser.parse(body)), env: env)
            _ = try waitForCompletion { done in op.execute(service: service, env: env, completion: done) }.get()
        }
        try run("CreateTable", #"{"TableName":"plain","BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}"#)
        try run("DeleteTable", #"{"TableName":"plain"}"#)
        #expect(try store.read { try $0.meta("schema.pitr") } == "1")
    }
}
