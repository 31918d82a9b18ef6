import DynamoModel
import DynamoStorage
import TestSupport
import Testing
@testable import DynamoOperations

/// Global tables: replicas per region, the replication outbox and its drain, last writer wins
/// on the simulated clock, per-replica and shared settings.
struct GlobalTableTests {
    static let away = "eu-west-1"
    static let third = "ap-southeast-2"

    func env(_ h: Harness, _ region: String) -> RequestEnvironment {
        var e = h.env
        e.region = region
        return e
    }

    /// Runs an operation in a region and waits for its answer.
    func call(_ h: Harness, _ region: String, _ operation: String, _ json: String) -> Result<JSONValue, DynamoError> {
        let e = env(h, region)
        do {
            let type = try #require(OperationRegistry.dynamo[operation])
            let op = try type.init(params: try Params(JSONParser.parse(json)), env: e)
            switch waitForCompletion({ done in op.execute(service: h.service, env: e, completion: done) }) {
            case .success(let body): return .success(try JSONParser.parse(body))
            case .failure(let error): return .failure(error)
            }
        } catch let error as DynamoError {
            return .failure(error)
        } catch {
            return .failure(.internalFailure("\(error)"))
        }
    }

    @discardableResult
    func ok(_ h: Harness, _ region: String, _ operation: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        switch call(h, region, operation, json) {
        case .success(let v): return v
        case .failure(let e):
            Issue.record("\(operation) in \(region) failed: \(e.code): \(e.message ?? "")", sourceLocation: sourceLocation)
            return .null
        }
    }

    func item(_ h: Harness, _ region: String, _ pk: String) -> JSONValue? {
        ok(h, region, "GetItem", #"{"TableName":"tab","Key":{"pk":{"S":"\#(pk)"},"sk":{"N":"1"}},"ConsistentRead":true}"#)["Item"]
    }

    func put(_ h: Harness, _ region: String, _ pk: String, _ v: String) {
        ok(h, region, "PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"\#(pk)"},"sk":{"N":"1"},"v":{"S":"\#(v)"}}}"#)
    }

    func pending(_ h: Harness) throws -> Int64 { try h.store.read { try $0.pendingReplications() } }

    /// A table in us-east-1 with one item, and its replica in eu-west-1.
    func globalTable() throws -> Harness {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"old"},"sk":{"N":"1"}}"#)
        ok(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":[{"Create":{"RegionName":"\#(Self.away)"}}]}"#)
        return h
    }

    @Test func versionsOrderByTimeThenRegion() {
        let early = ItemVersion(at: 10, region: "us-east-1"), late = ItemVersion(at: 11, region: "ap-south-1")
        #expect(late.supersedes(early))
        #expect(!early.supersedes(late))
        #expect(ItemVersion(at: 10, region: "us-east-1").supersedes(ItemVersion(at: 10, region: "eu-west-1")))
        #expect(!ItemVersion(at: 10, region: "eu-west-1").supersedes(ItemVersion(at: 10, region: "us-east-1")))
        #expect(!early.supersedes(early))
    }

    @Test func theReplicaIsATableOfItsRegionWithTheItemsCopied() throws {
        let h = try globalTable()
        let there = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Self.away, name: "tab")))
        let here = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Harness.region, name: "tab")))
        #expect(there.arn == "arn:aws:dynamodb:eu-west-1:\(Harness.account):table/tab")
        #expect(there.storageId != here.storageId && there.tableId != here.tableId)
        #expect(there.replicas?.map(\.regionName) == [Harness.region])
        #expect(here.replicas?.map(\.regionName) == [Self.away])
        #expect(item(h, Self.away, "old") != nil)
        // The copy is no change: nothing waits in the outbox, the replica's stream is empty.
        #expect(try pending(h) == 0)
        let d = ok(h, Self.away, "DescribeTable", #"{"TableName":"tab"}"#)["Table"]
        #expect(d?["ItemCount"] == 1)
        #expect(d?["GlobalTableVersion"] == "2019.11.21")
    }

    @Test func aWriteIsQueuedForEachReplicaAndAppliedByTheDrain() throws {
        let h = try globalTable()
        ok(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":[{"Create":{"RegionName":"\#(Self.third)"}}]}"#)
        put(h, Harness.region, "a", "1")
        #expect(try pending(h) == 2)
        #expect(item(h, Self.away, "a") == nil)  // asynchronous: not there before the drain
        let replicator = Replicator(service: h.service)
        #expect(try replicator.drain() == 2)
        #expect(item(h, Self.away, "a")?["v"] == ["S": "1"])
        #expect(item(h, Self.third, "a")?["v"] == ["S": "1"])
        // Applied changes are not queued again (no echo back to the source).
        #expect(try pending(h) == 0)
    }

    @Test func lastWriterWinsWhateverTheOrderOfArrival() throws {
        let h = try globalTable()
        put(h, Harness.region, "k", "home-early")     // at T, queued for eu-west-1
        h.clock.advance(by: 1)
        put(h, Self.away, "k", "away-late")           // at T+1, queued for us-east-1
        // The older change reaches eu-west-1 after its newer local write: it is dropped.
        #expect(try Replicator(service: h.service).drain() == 2)
        #expect(item(h, Self.away, "k")?["v"] == ["S": "away-late"])
        #expect(item(h, Harness.region, "k")?["v"] == ["S": "away-late"])
    }

    @Test func simultaneousWritesSettleOnTheSameRegionEverywhere() throws {
        let h = try globalTable()
        put(h, Self.away, "k", "away")
        put(h, Harness.region, "k", "home")           // the same simulated instant
        _ = try Replicator(service: h.service).drain()
        // Tie on time: the region that sorts last ("us-east-1" > "eu-west-1") wins, in both.
        #expect(item(h, Self.away, "k")?["v"] == ["S": "home"])
        #expect(item(h, Harness.region, "k")?["v"] == ["S": "home"])
    }

    @Test func aDeleteIsATombstoneAnOlderPutCannotUndo() throws {
        let h = try globalTable()
        put(h, Harness.region, "k", "first")          // at T, everywhere after the drain
        _ = try Replicator(service: h.service).drain()
        h.clock.advance(by: 1)
        put(h, Self.away, "k", "older-put")           // at T+1
        h.clock.advance(by: 1)
        ok(h, Harness.region, "DeleteItem", #"{"TableName":"tab","Key":{"pk":{"S":"k"},"sk":{"N":"1"}}}"#)  // at T+2
        _ = try Replicator(service: h.service).drain()
        #expect(item(h, Self.away, "k") == nil)
        #expect(item(h, Harness.region, "k") == nil)
    }

    @Test func replicatedWritesLandInTheReplicasHistory() throws {
        let h = try globalTable()
        put(h, Harness.region, "s", "1")
        _ = try Replicator(service: h.service).drain()
        let there = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Self.away, name: "tab")))
        let origins = try h.store.read { r in
            var out: [String] = []
            try r.history(tid: there.storageId, afterSeq: 0, limit: 100) { out.append($0.origin); return true }
            return out
        }
        #expect(origins == ["replication"])
    }

    @Test func aRegionalTableQueuesNothing() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"}}"#)
        #expect(try pending(h) == 0)
        #expect(try Replicator(service: h.service).drain() == 0)
    }

    @Test func removingAReplicaDropsWhatWaitsForIt() throws {
        let h = try globalTable()
        put(h, Harness.region, "a", "1")
        ok(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":[{"Delete":{"RegionName":"\#(Self.away)"}}]}"#)
        #expect(try pending(h) == 0)
        #expect(h.service.catalog.get(TableKey(account: Harness.account, region: Self.away, name: "tab")) == nil)
        let home = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Harness.region, name: "tab")))
        #expect(home.replicas == nil)
        put(h, Harness.region, "b", "1")
        #expect(try pending(h) == 0)
    }

    @Test func deleteTableOfAReplicaDetachesIt() throws {
        let h = try globalTable()
        ok(h, Self.away, "DeleteTable", #"{"TableName":"tab"}"#)
        let home = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Harness.region, name: "tab")))
        #expect(home.replicas == nil)
        #expect(item(h, Harness.region, "old") != nil)
    }

    @Test func deletionProtectionAndPITRStayWithTheirReplica() throws {
        let h = try globalTable()
        ok(h, Self.away, "UpdateTable", #"{"TableName":"tab","DeletionProtectionEnabled":true}"#)
        ok(h, Harness.region, "UpdateContinuousBackups",
           #"{"TableName":"tab","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#)
        #expect(ok(h, Harness.region, "DescribeTable", #"{"TableName":"tab"}"#)["Table"]?["DeletionProtectionEnabled"] == false)
        let away = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Self.away, name: "tab")))
        #expect(away.deletionProtection && away.pitr == nil)
        let message = "Cannot delete table tab in region eu-west-1 because it has deletion protection enabled. Disable deletion protection first."
        #expect(call(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":[{"Delete":{"RegionName":"eu-west-1"}}]}"#)
            .failureValue?.message == message)
        #expect(call(h, Self.away, "DeleteTable", #"{"TableName":"tab"}"#).failureValue?.message == message)
    }

    @Test func ttlAndIndexesPropagateToEveryReplica() throws {
        let h = try globalTable()
        ok(h, Self.away, "UpdateTimeToLive", #"{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}"#)
        ok(h, Harness.region, "UpdateTable", #"""
            {"TableName":"tab","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],
             "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by-g","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
             "Projection":{"ProjectionType":"KEYS_ONLY"}}}]}
            """#)
        let home = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Harness.region, name: "tab")))
        let away = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Self.away, name: "tab")))
        #expect(home.ttl == TTLSettings(attributeName: "exp", enabled: true))
        #expect(away.globalIndexes.map(\.name) == ["by-g"])
        #expect(away.globalIndexes[0].storageId != home.globalIndexes[0].storageId)
        ok(h, Harness.region, "PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"x"},"sk":{"N":"1"},"g":{"S":"green"}}}"#)
        _ = try Replicator(service: h.service).drain()
        let found = ok(h, Self.away, "Query", #"{"TableName":"tab","IndexName":"by-g","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"green"}}}"#)
        #expect(found["Count"] == 1)
    }

    @Test func replicaUpdateValidation() throws {
        let h = try globalTable()
        func fails(_ updates: String) -> String? {
            call(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":\#(updates)}"#).failureValue?.message
        }
        #expect(fails(#"[{"Create":{"RegionName":"us-east-1"}}]"#)
            == "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.")
        #expect(fails(#"[{"Create":{"RegionName":"eu-west-1"}}]"#)
            == "Failed to create a the new replica of table with name: \u{2018}tab\u{2019} because one or more replicas already existed as tables.")
        #expect(fails(#"[{"Delete":{"RegionName":"ap-southeast-2"}}]"#)
            == "Update global table operation failed because one or more replicas were not part of the global table. Please retry the request without these replicas: [ap-southeast-2].")
        #expect(fails(#"[{"Create":{"RegionName":"ap-southeast-2"}},{"Delete":{"RegionName":"eu-west-1"}}]"#)
            == "Update table operation with more than one create or delete replica actions not allowed")
        #expect(fails(#"[{"Update":{"RegionName":"eu-west-1"}}]"#) == "There are no actions specified in the Replica Update Action of the request.")
        #expect(fails(#"[{"Create":{"RegionName":"mars-north-1"}}]"#)?.hasPrefix("Region mars-north-1 is not supported.") == true)
        // Two identical Creates count once.
        ok(h, Harness.region, "UpdateTable",
           #"{"TableName":"tab","ReplicaUpdates":[{"Create":{"RegionName":"ap-southeast-2"}},{"Create":{"RegionName":"ap-southeast-2"}}]}"#)
        #expect(call(h, Self.away, "UpdateTable", #"{"TableName":"tab","StreamSpecification":{"StreamEnabled":false}}"#).failureValue?.message
            == "Disabling Stream is not allowed for a Global Table replica.")
    }

    @Test func replicaUpdatesDeclareTheReplicaRegionsPermissions() throws {
        let h = try globalTable()
        let op = try UpdateTable(params: try Params(JSONParser.parse(
            #"{"TableName":"tab","ReplicaUpdates":[{"Create":{"RegionName":"ap-southeast-2"}}]}"#)), env: h.env)
        let checks = op.authorization(service: h.service, env: h.env).checks
        #expect(checks.first?.action == "dynamodb:UpdateTable")
        #expect(checks.first?.resource == "arn:aws:dynamodb:us-east-1:\(Harness.account):table/tab")
        #expect(Array(checks.dropFirst().map(\.action)) == ReplicaAuthorization.createActions)
        #expect(checks.dropFirst().allSatisfy { $0.resource == "arn:aws:dynamodb:ap-southeast-2:\(Harness.account):table/tab" })
    }

    /// A backup or point-in-time restore of a replica is a regional table: its writes go nowhere.
    @Test func aRestoredReplicaIsARegionalTable() throws {
        let h = try globalTable()
        ok(h, Self.away, "CreateBackup", #"{"TableName":"tab","BackupName":"nightly"}"#)
        let arn = try #require(ok(h, Self.away, "ListBackups", #"{}"#)["BackupSummaries"]?.arrayValue?.first?["BackupArn"]?.stringValue)
        ok(h, Self.away, "RestoreTableFromBackup", #"{"TargetTableName":"copy","BackupArn":"\#(arn)"}"#)
        let copy = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Self.away, name: "copy")))
        #expect(copy.replicas == nil)
        #expect(ok(h, Self.away, "DescribeTable", #"{"TableName":"copy"}"#)["Table"]?["Replicas"] == nil)
        ok(h, Self.away, "PutItem", #"{"TableName":"copy","Item":{"pk":{"S":"c"},"sk":{"N":"1"}}}"#)
        #expect(try pending(h) == 0)
    }

    /// Malformed ReplicaUpdates are refused as request errors, never half applied.
    @Test func hostileReplicaUpdatesShapes() throws {
        let h = try globalTable()
        func code(_ updates: String) -> String? {
            call(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":\#(updates)}"#).failureValue?.code
        }
        #expect(code(#""eu-west-1""#) == "SerializationException")
        #expect(code(#"[1]"#) == "SerializationException")
        #expect(code(#"[{"Create":"eu-west-1"}]"#) == "SerializationException")
        #expect(code(#"[{"Create":{"RegionName":7}}]"#) == "SerializationException")
        #expect(code(#"[{"Create":{}}]"#) == "ValidationException")
        #expect(code(#"[{"Create":{"RegionName":""}}]"#) == "ValidationException")
        #expect(code(#"[{"Create":{"RegionName":"ap-southeast-2","TableClassOverride":"GOLD"}}]"#) == "ValidationException")
        #expect(code(#"[{"Create":{"RegionName":"ap-southeast-2/../eu-west-1"}}]"#) == "ValidationException")
        // Nothing changed: one replica, as before.
        let home = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Harness.region, name: "tab")))
        #expect(home.replicas?.map(\.regionName) == [Self.away])
        #expect(h.service.catalog.get(TableKey(account: Harness.account, region: Self.third, name: "tab")) == nil)
    }

    /// A replica's resource policy that denies the replication role holds its changes back, in
    /// order, until the policy changes; other replicas are not held up.
    @Test func aDenyingReplicaPolicyHoldsChangesBack() throws {
        let h = try globalTable()
        ok(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":[{"Create":{"RegionName":"\#(Self.third)"}}]}"#)
        let arn = "arn:aws:dynamodb:eu-west-1:\(Harness.account):table/tab"
        let deny = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::\#(Harness.account):role/aws-service-role/replication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBReplication\"},\"Action\":\"dynamodb:PutItem\",\"Resource\":\"*\"}]}"#
        ok(h, Self.away, "PutResourcePolicy", #"{"ResourceArn":"\#(arn)","Policy":"\#(deny)"}"#)
        put(h, Harness.region, "a", "1")
        let replicator = Replicator(service: h.service)
        #expect(try replicator.drain() == 1)          // ap-southeast-2 gets it; eu-west-1's waits
        #expect(item(h, Self.third, "a") != nil)
        #expect(item(h, Self.away, "a") == nil)
        #expect(try pending(h) == 1)
        #expect(ok(h, Self.away, "DescribeTable", #"{"TableName":"tab"}"#)["Table"]?["TableStatus"] == "REPLICATION_NOT_AUTHORIZED")
        // A deletion is DeleteItem, which the policy allows — but it waits behind the put.
        h.clock.advance(by: 1)
        ok(h, Harness.region, "DeleteItem", #"{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}"#)
        #expect(try replicator.drain() == 1)          // only ap-southeast-2's deletion
        #expect(try pending(h) == 2)
        ok(h, Self.away, "DeleteResourcePolicy", #"{"ResourceArn":"\#(arn)"}"#)
        #expect(try replicator.drain() == 2)
        #expect(item(h, Self.away, "a") == nil)
        #expect(item(h, Self.third, "a") == nil)
        let there = try #require(h.service.catalog.get(TableKey(account: Harness.account, region: Self.away, name: "tab")))
        let origins = try h.store.read { r in
            var out: [String] = []
            try r.history(tid: there.storageId, afterSeq: 0, limit: 100) { out.append($0.origin); return true }
            return out
        }
        #expect(origins == ["replication", "replication"])  // the put, then the deletion
        #expect(ok(h, Self.away, "DescribeTable", #"{"TableName":"tab"}"#)["Table"]?["TableStatus"] == "ACTIVE")
    }

    /// More held-back changes than one batch do not hold up another replica's changes.
    @Test func heldChangesDoNotStarveOtherReplicas() throws {
        let h = try globalTable()
        ok(h, Harness.region, "UpdateTable", #"{"TableName":"tab","ReplicaUpdates":[{"Create":{"RegionName":"\#(Self.third)"}}]}"#)
        let arn = "arn:aws:dynamodb:eu-west-1:\(Harness.account):table/tab"
        let deny = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"dynamodb:PutItem\",\"Resource\":\"*\"}]}"#
        ok(h, Self.away, "PutResourcePolicy", #"{"ResourceArn":"\#(arn)","Policy":"\#(deny)"}"#)
        let count = Replicator.batch + 20
        for i in 0..<count { put(h, Harness.region, "k\(i)", "v") }
        #expect(try Replicator(service: h.service).drain() == count)   // every ap-southeast-2 change
        #expect(item(h, Self.third, "k\(count - 1)") != nil)
        #expect(try pending(h) == Int64(count))                         // eu-west-1's, all waiting
        #expect(item(h, Self.away, "k0") == nil)
    }
}

