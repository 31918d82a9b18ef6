import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

struct UpdateTableValidationTests {
    static let atLeastOne = "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required"

    static let cases: [(String, String)] = [
        (#"{"TableName":"tab"}"#, atLeastOne),
        (#"{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"x","AttributeType":"S"}]}"#, atLeastOne),
        (#"{}"#, constraint(nil, "tableName", "Member must not be null")),
        (#"{"TableName":"tab","BillingMode":"FREE"}"#, constraint("FREE", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")),
        (#"{"TableName":"tab","ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":1}}"#,
         constraint("0", "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1")),
        (#"{"TableName":"tab","SSESpecification":{"Enabled":true},"BillingMode":"PAY_PER_REQUEST"}"#,
         invalid + "Server-Side Encryption modification must be the only operation in the request"),
        (#"{"TableName":"tab","TableClass":"STANDARD","BillingMode":"PAY_PER_REQUEST"}"#,
         invalid + "TableClass modification must be the only operation in the request"),
        (#"{"TableName":"tab","DeletionProtectionEnabled":true,"BillingMode":"PAY_PER_REQUEST"}"#,
         invalid + "DeletionProtection modification must be the only operation in the request"),
        (#"{"TableName":"tab","DeletionProtectionEnabled":true,"TableClass":"STANDARD"}"#,
         invalid + "TableClass modification must be the only operation in the request"),
        (#"{"TableName":"tab","StreamSpecification":{"StreamEnabled":true}}"#,
         invalid + "If stream is being enabled then UpdateViewType is required"),
        (#"{"TableName":"tab","StreamSpecification":{"StreamEnabled":false,"StreamViewType":"KEYS_ONLY"}}"#,
         invalid + "If stream is being disabled, then UpdateViewType must not be specified"),
        (#"{"TableName":"tab","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"},"GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"gsi"}}]}"#,
         invalid + "You cannot create or delete index while changing stream status"),
        (#"{"TableName":"tab","BillingMode":"PAY_PER_REQUEST","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}"#,
         invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"),
        (#"{"TableName":"tab","ProvisionedThroughput":{"ReadCapacityUnits":1000000000001,"WriteCapacityUnits":1}}"#,
         "Given value 1000000000001 for ReadCapacityUnits is out of bounds"),
        (#"{"TableName":"tab","GlobalSecondaryIndexUpdates":[{}]}"#,
         invalid + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"),
        (#"{"TableName":"tab","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"a"},"Update":{"IndexName":"b"}}]}"#,
         invalid + "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object"),
        (#"{"TableName":"tab","GlobalSecondaryIndexUpdates":[{"Delete":{}}]}"#,
         constraint(nil, "globalSecondaryIndexUpdates.1.member.delete.indexName", "Member must not be null")),
        (#"{"TableName":"tab","GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}]}}]}"#,
         constraint(nil, "globalSecondaryIndexUpdates.1.member.create.projection", "Member must not be null")),
    ]

    @Test(arguments: cases)
    func requestChecks(_ request: String, _ message: String) throws {
        let h = try Harness()
        #expect(h.make("UpdateTable", request).failureValue?.message == message)
    }

    static let tableCases: [(String, String, String)] = [
        // (table options, request members, message)
        ("", #""ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}"#,
         invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"),
        ("", #""BillingMode":"PROVISIONED""#,
         invalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"),
        ("provisioned", #""OnDemandThroughput":{"MaxReadRequestUnits":10}"#,
         invalid + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED"),
        ("provisioned", #""ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3}"#,
         "The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 2. Requested ReadCapacityUnits: 2. Current WriteCapacityUnits provisioned for the table: 3. Requested WriteCapacityUnits: 3. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."),
        ("", #""SSESpecification":{"Enabled":false}"#, invalid + "Table is already encrypted by default"),
        ("", #""StreamSpecification":{"StreamEnabled":false}"#, "Table has no stream to disable: TableName: tab"),
        ("", #""GlobalSecondaryIndexUpdates":[]"#, invalid + "List of GlobalSecondaryIndexUpdates is empty"),
        ("", #""GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"nope"}}]"#, "Requested resource not found: Index: nope not found"),
        ("", #""GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"nope","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}}]"#,
         "Requested resource not found: Index: nope not found"),
        ("lsi", #""GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byL"}}]"#, "Cannot delete an index that is not a GlobalSecondaryIndex: byL"),
        ("lsi", #""GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"byL"}}]"#, "Cannot update an index that is not a GlobalSecondaryIndex: byL"),
        ("gsi", #""GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"byG","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}}]"#,
         invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: byG when BillingMode is PAY_PER_REQUEST"),
        ("gsi", #""GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}],"AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}]"#,
         "Attempting to create an index which already exists"),
        ("", #""GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byH","KeySchema":[{"AttributeName":"h","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]"#,
         invalid + "AttributeDefinitions is not specified for index: byH"),
        ("", #""GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byH","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"N"}]"#,
         invalid + "Attributes cannot be redefined. Please check that your attribute has the same type as previously defined."),
        ("", #""GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byH","KeySchema":[{"AttributeName":"h","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}],"AttributeDefinitions":[{"AttributeName":"x","AttributeType":"S"}]"#,
         invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [h], AttributeDefinitions: [x]"),
        ("gsi", #""GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byG"}},{"Update":{"IndexName":"byG"}}]"#,
         invalid + "Only one global secondary index update per index is allowed simultaneously. Index: byG"),
    ]

    @Test(arguments: tableCases)
    func tableChecks(_ options: String, _ members: String, _ message: String) throws {
        let h = try Harness()
        switch options {
        case "provisioned":
            h.ok("CreateTable", #"{"TableName":"tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3}}"#)
        case "lsi":
            h.createTable(extra: #""LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]"#,
                          attributes: #"{"AttributeName":"l","AttributeType":"S"}"#)
        case "gsi":
            h.createTable(extra: #""GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]"#,
                          attributes: #"{"AttributeName":"g","AttributeType":"S"}"#)
        default:
            h.createTable()
        }
        let before = h.ok("DescribeTable", #"{"TableName":"tab"}"#)
        let error = h.call("UpdateTable", #"{"TableName":"tab",\#(members)}"#).failureValue
        #expect(error?.message == message)
        // A refused change leaves the table as it was.
        #expect(h.ok("DescribeTable", #"{"TableName":"tab"}"#) == before)
    }

    @Test func limitExceededAndNotFound() throws {
        let h = try Harness()
        h.createTable()
        let twoCreates = #"{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"},{"AttributeName":"b","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byA","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}},{"Create":{"IndexName":"byB","KeySchema":[{"AttributeName":"b","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}"#
        #expect(h.error("UpdateTable", twoCreates)! == ("LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"))
        #expect(h.error("UpdateTable", #"{"TableName":"missing","BillingMode":"PAY_PER_REQUEST"}"#)!
            == ("ResourceNotFoundException", "Requested resource not found: Table: missing not found"))
    }
}

struct UpdateTableBehaviourTests {
    @Test func throughputAndBilling() throws {
        let h = try Harness()
        h.ok("CreateTable", #"{"TableName":"tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}"#)
        let out = h.ok("UpdateTable", #"{"TableName":"tab","ProvisionedThroughput":{"ReadCapacityUnits":7,"WriteCapacityUnits":2}}"#)
        #expect(out["TableDescription"]?["TableStatus"] == "UPDATING")
        var t = h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"]
        #expect(t?["ProvisionedThroughput"]?["ReadCapacityUnits"] == 7)
        #expect(t?["ProvisionedThroughput"]?["LastIncreaseDateTime"] == .timestamp(Harness.start))
        #expect(t?["BillingModeSummary"] == nil)
        h.clock.advance(by: 60)
        h.ok("UpdateTable", #"{"TableName":"tab","ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":2}}"#)
        t = h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"]
        #expect(t?["ProvisionedThroughput"]?["LastDecreaseDateTime"] == .timestamp(Harness.start + 60))
        #expect(t?["ProvisionedThroughput"]?["NumberOfDecreasesToday"] == 1)
        h.ok("UpdateTable", #"{"TableName":"tab","BillingMode":"PAY_PER_REQUEST"}"#)
        t = h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"]
        #expect(t?["BillingModeSummary"]?["BillingMode"] == "PAY_PER_REQUEST")
        #expect(t?["ProvisionedThroughput"]?["ReadCapacityUnits"] == 0)
    }

    @Test func streamsEnableAndDisable() throws {
        let h = try Harness()
        h.createTable()
        h.ok("UpdateTable", #"{"TableName":"tab","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}}"#)
        let t = try #require(h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"])
        #expect(t["StreamSpecification"] == json(#"{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}"#))
        #expect(t["LatestStreamLabel"] == "2023-11-14T22:13:20.000")
        #expect(t["LatestStreamArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/tab/stream/2023-11-14T22:13:20.000")
        #expect(h.message("UpdateTable", #"{"TableName":"tab","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}}"#)
            == "Table already has an enabled stream: TableName: tab")
        h.ok("UpdateTable", #"{"TableName":"tab","StreamSpecification":{"StreamEnabled":false}}"#)
        let after = try #require(h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"])
        #expect(after["StreamSpecification"] == nil)
        #expect(after["LatestStreamArn"] == t["LatestStreamArn"])
    }

    /// A GSI created on a table with items is filled from them: items carrying the key with
    /// the declared type, and nothing else.
    @Test func gsiBackfillAndDelete() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"red"},"x":{"N":"1"}}"#)
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"2"},"g":{"S":"blue"}}"#)
        h.put("tab", #"{"pk":{"S":"b"},"sk":{"N":"1"},"g":{"S":"red"},"x":{"N":"2"}}"#)
        h.put("tab", #"{"pk":{"S":"c"},"sk":{"N":"1"},"g":{"N":"5"}}"#)   // wrong type: not indexed
        h.put("tab", #"{"pk":{"S":"d"},"sk":{"N":"1"}}"#)                 // no key: not indexed
        let out = h.ok("UpdateTable", #"{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}}]}"#)
        let gsi = out["TableDescription"]?["GlobalSecondaryIndexes"]?.arrayValue?.first
        #expect(gsi?["IndexStatus"] == "CREATING")
        #expect(gsi?["Backfilling"] == false)
        #expect(gsi?["ItemCount"] == 3)
        let red = h.ok("Query", #"{"TableName":"tab","IndexName":"byG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"red"}}}"#)
        #expect(red["Count"] == 2)
        #expect(red["Items"] == json(#"[{"g":{"S":"red"},"pk":{"S":"a"},"sk":{"N":"1"},"x":{"N":"1"}},{"g":{"S":"red"},"pk":{"S":"b"},"sk":{"N":"1"},"x":{"N":"2"}}]"#))
        #expect(h.ok("Scan", #"{"TableName":"tab","IndexName":"byG"}"#)["Count"] == 3)
        // Writes after creation maintain it; a wrong-typed key is now refused.
        h.ok("DeleteItem", #"{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}"#)
        #expect(h.ok("Query", #"{"TableName":"tab","IndexName":"byG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"red"}}}"#)["Count"] == 1)
        #expect(h.message("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"e"},"sk":{"N":"1"},"g":{"N":"1"}}}"#)
            == invalid + "Type mismatch for Index Key g Expected: S Actual: N IndexName: byG")
        #expect(h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"]?["AttributeDefinitions"]?.arrayValue?.count == 3)
        // Deleting the index drops its rows and the definition only it used.
        let deleted = h.ok("UpdateTable", #"{"TableName":"tab","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byG"}}]}"#)
        #expect(deleted["TableDescription"]?["GlobalSecondaryIndexes"] == nil)
        let t = h.ok("DescribeTable", #"{"TableName":"tab"}"#)["Table"]
        #expect(t?["AttributeDefinitions"] == json(#"[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]"#))
        #expect(h.message("Query", #"{"TableName":"tab","IndexName":"byG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"red"}}}"#)
            == "The table does not have the specified index: byG")
        #expect(h.ok("PutItem", #"{"TableName":"tab","Item":{"pk":{"S":"e"},"sk":{"N":"1"},"g":{"N":"1"}}}"#) == .object([]))
    }

    /// Deletion protection refuses DeleteTable and deletes nothing.
    @Test func deletionProtection() throws {
        let h = try Harness()
        h.createTable(extra: #""DeletionProtectionEnabled":true"#)
        h.put("tab", #"{"pk":{"S":"keep"},"sk":{"N":"1"}}"#)
        #expect(h.error("DeleteTable", #"{"TableName":"tab"}"#)!
            == ("ValidationException", "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."))
        #expect(h.get("tab", #"{"pk":{"S":"keep"},"sk":{"N":"1"}}"#) != nil)
        let out = h.ok("UpdateTable", #"{"TableName":"tab","DeletionProtectionEnabled":false}"#)
        #expect(out["TableDescription"]?["DeletionProtectionEnabled"] == false)
        let deleted = h.ok("DeleteTable", #"{"TableName":"tab"}"#)
        #expect(deleted["TableDescription"]?["TableStatus"] == "DELETING")
        #expect(deleted["TableDescription"]?["ItemCount"] == 1)
        #expect(h.error("DescribeTable", #"{"TableName":"tab"}"#)! == ("ResourceNotFoundException", "Requested resource not found: Table: tab not found"))
        #expect(h.error("DeleteTable", #"{"TableName":"tab"}"#)! == ("ResourceNotFoundException", "Requested resource not found: Table: tab not found"))
        #expect(h.error("GetItem", #"{"TableName":"tab","Key":{"pk":{"S":"keep"},"sk":{"N":"1"}}}"#)?.0 == "ResourceNotFoundException")
        // A new table of the same name starts empty.
        h.createTable()
        #expect(h.get("tab", #"{"pk":{"S":"keep"},"sk":{"N":"1"}}"#) == nil)
    }

    /// The catalog is rebuilt from storage when a service starts over the same database.
    @Test func definitionsSurviveAServiceRestart() throws {
        let h = try Harness()
        h.createTable(extra: #""GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]"#,
                      attributes: #"{"AttributeName":"g","AttributeType":"S"}"#)
        h.ok("UpdateTable", #"{"TableName":"tab","DeletionProtectionEnabled":true}"#)
        let again = try DynamoService(store: h.store, clock: h.clock)
        let table = try #require(again.table("tab", env: h.env))
        #expect(table.deletionProtection)
        #expect(table.globalIndexes.map(\.name) == ["byG"])
        #expect(table == h.service.table("tab", env: h.env))
    }
}
