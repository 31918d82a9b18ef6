import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

/// CreateTable's validation texts, in the order DynamoDB checks them.
struct CreateTableValidationTests {
    static let keys = #""KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]"#
    static let defs = #""AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]"#
    static let ppr = #""BillingMode":"PAY_PER_REQUEST""#

    /// A valid request with `members` replacing or adding top-level members.
    static func request(_ members: String...) -> String {
        var parts = [#""TableName":"tbl""#, keys, defs, ppr]
        for m in members {
            let name = m.prefix { $0 != ":" }
            parts.removeAll { $0.hasPrefix(name + ":") }
            parts.append(m)
        }
        return "{" + parts.filter { !$0.hasSuffix(":DROP") }.joined(separator: ",") + "}"
    }

    static let constraintEnvelopeCases: [(String, String)] = [
        (#"{}"#, "The parameter 'TableName' is required but was not present in the request"),
        (request(#""TableName":"ab""#), constraint("ab", "tableName", "Member must have length greater than or equal to 3")),
        (request(#""TableName":"bad name!""#), constraint("bad name!", "tableName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")),
        (request(#""TableName":"tablé""#), constraint("tablé", "tableName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")),
        (request(#""TableName":"\#(String(repeating: "x", count: 256))""#),
         constraint(String(repeating: "x", count: 256), "tableName", "Member must have length less than or equal to 255")),
        (request(#""TableName":"a!""#),
         "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"),
        (request(#""BillingMode":"FREE""#), constraint("FREE", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")),
        (request(#""KeySchema":DROP"#), constraint(nil, "keySchema", "Member must not be null")),
        (request(#""AttributeDefinitions":DROP"#), constraint(nil, "attributeDefinitions", "Member must not be null")),
        (request(#""KeySchema":[]"#), constraint("[]", "keySchema", "Member must have length greater than or equal to 1")),
        (request(#""KeySchema":[{"AttributeName":"pk","KeyType":"FOO"}]"#),
         constraint("FOO", "keySchema.1.member.keyType", "Member must satisfy enum value set: [HASH, RANGE]")),
        (request(#""KeySchema":[{"KeyType":"HASH"}]"#), constraint(nil, "keySchema.1.member.attributeName", "Member must not be null")),
        (request(#""KeySchema":[{"AttributeName":"","KeyType":"HASH"}]"#),
         constraint("", "keySchema.1.member.attributeName", "Member must have length greater than or equal to 1")),
        (request(#""AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"X"}]"#),
         constraint("X", "attributeDefinitions.1.member.attributeType", "Member must satisfy enum value set: [B, N, S]")),
        (request(#""AttributeDefinitions":[{"AttributeName":"pk"}]"#),
         constraint(nil, "attributeDefinitions.1.member.attributeType", "Member must not be null")),
        (request(#""TableClass":"COLD""#), constraint("COLD", "tableClass", "Member must satisfy enum value set: [STANDARD, STANDARD_INFREQUENT_ACCESS]")),
        (request(#""StreamSpecification":{"StreamViewType":"NEW_IMAGE"}"#), constraint(nil, "streamSpecification.streamEnabled", "Member must not be null")),
        (request(#""StreamSpecification":{"StreamEnabled":true,"StreamViewType":"ALL"}"#),
         constraint("ALL", "streamSpecification.streamViewType", "Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]")),
        (request(#""Tags":[{"Key":"","Value":"v"}]"#), constraint("", "tags.1.member.key", "Member must have length greater than or equal to 1")),
        (request(#""Tags":[{"Key":"k"}]"#), constraint(nil, "tags.1.member.value", "Member must not be null")),
        (request(#""SSESpecification":{"Enabled":true,"SSEType":"DES"}"#),
         constraint("DES", "sSESpecification.sSEType", "Member must satisfy enum value set: [AES256, KMS]")),
        (request(#""BillingMode":"PROVISIONED""#, #""ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":0}"#),
         "2 validation errors detected: Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        (request(#""BillingMode":"PROVISIONED""#, #""ProvisionedThroughput":{"ReadCapacityUnits":1}"#),
         constraint(nil, "provisionedThroughput.writeCapacityUnits", "Member must not be null")),
    ]

    @Test(arguments: constraintEnvelopeCases)
    func constraintEnvelope(_ json: String, _ message: String) {
        let h = try! Harness()
        let error = h.make("CreateTable", json).failureValue
        #expect(error?.message == message)
        #expect(error?.code == "ValidationException")
    }

    /// Checks after the constraint pass, each with AWS's text.
    static let checksAfterConstraintsCases: [(String, String)] = [
        (request(#""ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}"#),
         invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"),
        (request(#""BillingMode":"PROVISIONED""#),
         invalid + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"),
        (request(#""BillingMode":DROP"#),
         invalid + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"),
        (request(#""BillingMode":"PROVISIONED""#, #""ProvisionedThroughput":{"ReadCapacityUnits":1000000000001,"WriteCapacityUnits":1}"#),
         "Given value 1000000000001 for ReadCapacityUnits is out of bounds"),
        (request(#""BillingMode":"PROVISIONED""#, #""ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1000000000001}"#),
         "Given value 1000000000001 for WriteCapacityUnits is out of bounds"),
        (request(#""BillingMode":"PROVISIONED""#, #""ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}"#,
                 #""OnDemandThroughput":{"MaxReadRequestUnits":5}"#),
         invalid + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED."),
        (request(#""BillingMode":"PROVISIONED""#, #""ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}"#,
                 #""OnDemandThroughput":{"MaxWriteRequestUnits":5}"#),
         invalid + "MaxWriteRequestUnits for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED."),
        (request(#""KeySchema":[{"AttributeName":"pk","KeyType":"RANGE"}]"#), "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
        (request(#""KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"HASH"}]"#,
                 #""AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}]"#),
         "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"),
        (request(#""KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"pk","KeyType":"RANGE"}]"#),
         "Both the Hash Key and the Range Key element in the KeySchema have the same name"),
        (request(#""KeySchema":[{"AttributeName":"zz","KeyType":"HASH"}]"#),
         invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [zz], AttributeDefinitions: [pk]"),
        (request(#""KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]"#),
         invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [pk, sk], AttributeDefinitions: [pk]"),
        (request(#""StreamSpecification":{"StreamEnabled":false,"StreamViewType":"NEW_IMAGE"}"#),
         invalid + "Table is being created with a stream disabled, UpdateViewType should not be specified"),
        (request(#""StreamSpecification":{"StreamEnabled":true}"#), invalid + "StreamViewType is required when StreamEnabled is true"),
        (request(#""Tags":[\#((0...50).map { #"{"Key":"k\#($0)","Value":"v"}"# }.joined(separator: ","))]"#), invalid + "Too many tags"),
        (request(#""SSESpecification":{"Enabled":false,"SSEType":"KMS"}"#),
         invalid + "SSEType and KMSMasterKeyId cannot be specified when Enabled is false"),
        (request(#""SSESpecification":{"Enabled":true,"SSEType":"AES256"}"#), invalid + "SSEType AES256 is not supported"),
    ]

    @Test(arguments: checksAfterConstraintsCases)
    func checksAfterConstraints(_ json: String, _ message: String) {
        let h = try! Harness()
        #expect(h.make("CreateTable", json).failureValue?.message == message)
    }

    /// A key schema longer than two elements fails the length constraint.
    @Test func tooManyKeyElements() {
        let h = try! Harness()
        let message = h.make("CreateTable", Self.request(
            #""KeySchema":[{"AttributeName":"a","KeyType":"HASH"},{"AttributeName":"b","KeyType":"RANGE"},{"AttributeName":"c","KeyType":"RANGE"}]"#
        )).failureValue?.message ?? ""
        #expect(message.hasPrefix("1 validation error detected: Value '["))
        #expect(message.hasSuffix("]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2"))
    }

    @Test func serializationOfWrongTypes() {
        let h = try! Harness()
        #expect(h.make("CreateTable", #"{"TableName":5}"#).failureValue?.message == "class java.lang.Short can not be converted to an String")
        #expect(h.make("CreateTable", Self.request(#""KeySchema":{}"#)).failureValue?.message == "Start of structure or map found where not expected.")
        #expect(h.make("CreateTable", Self.request(#""KeySchema":[5]"#)).failureValue?.message == "Expected null")
        #expect(h.make("CreateTable", Self.request(#""ProvisionedThroughput":{"ReadCapacityUnits":"1"}"#)).failureValue?.message
            == "class java.lang.String can not be converted to an Long")
        #expect(h.make("CreateTable", Self.request(#""DeletionProtectionEnabled":"yes""#)).failureValue?.message
            == "'YES' can not be converted to an Boolean")
        #expect(h.make("CreateTable", "[]").failureValue?.code == "SerializationException")
    }

    /// Checks that need the storage step: unused definitions, duplicate tables.
    @Test func executionChecks() {
        let h = try! Harness()
        #expect(h.message("CreateTable", Self.request(
            #""AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"extra","AttributeType":"S"}]"#))
            == invalid + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        h.ok("CreateTable", Self.request())
        #expect(h.error("CreateTable", Self.request())! == ("ResourceInUseException", "Table already exists: tbl"))
        // The failed attempts created nothing else.
        #expect(h.ok("ListTables", "{}")["TableNames"] == ["tbl"])
    }
}

struct CreateTableIndexValidationTests {
    static let tableKeys = #""KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]"#
    static let defs = #""AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"}]"#

    static func lsi(_ name: String = "lsi", hash: String = "pk", range: String? = "g", projection: String = #"{"ProjectionType":"ALL"}"#) -> String {
        var keys = #"[{"AttributeName":"\#(hash)","KeyType":"HASH"}"#
        if let range { keys += #",{"AttributeName":"\#(range)","KeyType":"RANGE"}"# }
        return #"{"IndexName":"\#(name)","KeySchema":\#(keys)],"Projection":\#(projection)}"#
    }

    static func gsi(_ name: String = "gsi", projection: String = #"{"ProjectionType":"ALL"}"#, extra: String = "") -> String {
        #"{"IndexName":"\#(name)","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":\#(projection)\#(extra)}"#
    }

    static func request(billing: String = "PAY_PER_REQUEST", keys: String = tableKeys, defs: String = defs, _ members: String) -> String {
        var s = #"{"TableName":"tbl",\#(keys),\#(defs),"BillingMode":"\#(billing)""#
        if billing == "PROVISIONED" { s += #","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}"# }
        return s + "," + members + "}"
    }

    static let indexChecksCases: [(String, String)] = [
        (request(#""LocalSecondaryIndexes":[]"#), invalid + "List of LocalSecondaryIndexes is empty"),
        (request(#""GlobalSecondaryIndexes":[]"#), invalid + "List of GlobalSecondaryIndexes is empty"),
        (request(keys: #""KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]"#,
                 defs: #""AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}]"#,
                 #""LocalSecondaryIndexes":[\#(lsi())]"#),
         invalid + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"),
        (request(#""LocalSecondaryIndexes":[\#(lsi(hash: "g", range: "sk"))]"#),
         invalid + "Index KeySchema does not have the same leading hash key as table KeySchema for index: lsi. index hash key: g, table hash key: pk"),
        (request(#""LocalSecondaryIndexes":[\#(lsi(range: nil))]"#), invalid + "Index KeySchema does not have a range key for index: lsi"),
        (request(#""LocalSecondaryIndexes":[\#(lsi()),\#(lsi())]"#), invalid + "Duplicate index name: lsi"),
        (request(#""LocalSecondaryIndexes":[\#((1...6).map { lsi("lsi\($0)") }.joined(separator: ","))]"#),
         invalid + "Number of LocalSecondaryIndexes exceeds per-table limit of 5"),
        (request(#""GlobalSecondaryIndexes":[\#(gsi()),\#(gsi())]"#), invalid + "Duplicate index name: gsi"),
        (request(#""LocalSecondaryIndexes":[\#(lsi("same"))],"GlobalSecondaryIndexes":[\#(gsi("same"))]"#), invalid + "Duplicate index name: same"),
        (request(#""GlobalSecondaryIndexes":[\#((1...21).map { gsi("gsi\($0)") }.joined(separator: ","))]"#),
         invalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20"),
        (request(billing: "PROVISIONED", #""GlobalSecondaryIndexes":[\#(gsi())]"#), invalid + "ProvisionedThroughput must be specified for index: gsi"),
        (request(#""GlobalSecondaryIndexes":[\#(gsi(extra: #","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}"#))]"#),
         invalid + "ProvisionedThroughput should not be specified for index: gsi when BillingMode is PAY_PER_REQUEST"),
        (request(#""GlobalSecondaryIndexes":[\#(gsi(projection: #"{"ProjectionType":"KEYS_ONLY","NonKeyAttributes":["a"]}"#))]"#),
         invalid + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified"),
        (request(#""GlobalSecondaryIndexes":[\#(gsi(projection: #"{"ProjectionType":"INCLUDE"}"#))]"#), invalid + "NonKeyAttributes must not be empty"),
        (request(#""GlobalSecondaryIndexes":[\#(gsi(projection: #"{}"#))]"#), invalid + "Unknown ProjectionType: null"),
        (request(#""GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"nope","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]"#),
         invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [nope], AttributeDefinitions: [pk, sk, g]"),
    ]

    @Test(arguments: indexChecksCases)
    func indexChecks(_ json: String, _ message: String) {
        let h = try! Harness()
        #expect(h.message("CreateTable", json) == message)
        #expect(h.ok("ListTables", "{}")["TableNames"] == [])
    }

    static let indexConstraintsCases: [(String, String)] = [
        (request(#""GlobalSecondaryIndexes":[\#(gsi("ab"))]"#),
         constraint("ab", "globalSecondaryIndexes.1.member.indexName", "Member must have length greater than or equal to 3")),
        (request(#""GlobalSecondaryIndexes":[{"KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]"#),
         constraint(nil, "globalSecondaryIndexes.1.member.indexName", "Member must not be null")),
        (request(#""GlobalSecondaryIndexes":[{"IndexName":"gix","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}]}]"#),
         constraint(nil, "globalSecondaryIndexes.1.member.projection", "Member must not be null")),
        (request(#""GlobalSecondaryIndexes":[\#(gsi(projection: #"{"ProjectionType":"SOME"}"#))]"#),
         constraint("SOME", "globalSecondaryIndexes.1.member.projection.projectionType", "Member must satisfy enum value set: [ALL, KEYS_ONLY, INCLUDE]")),
        (request(#""LocalSecondaryIndexes":[{"IndexName":"lsi","Projection":{"ProjectionType":"ALL"}}]"#),
         constraint(nil, "localSecondaryIndexes.1.member.keySchema", "Member must not be null")),
        (request(#""GlobalSecondaryIndexes":[\#(gsi(projection: #"{"ProjectionType":"INCLUDE","NonKeyAttributes":[]}"#))]"#),
         constraint("[]", "globalSecondaryIndexes.1.member.projection.nonKeyAttributes", "Member must have length greater than or equal to 1")),
    ]

    @Test(arguments: indexConstraintsCases)
    func indexConstraints(_ json: String, _ message: String) {
        let h = try! Harness()
        #expect(h.make("CreateTable", json).failureValue?.message == message)
    }

    @Test func validIndexesDescribe() throws {
        let h = try Harness()
        let out = h.ok("CreateTable", Self.request(#""LocalSecondaryIndexes":[\#(Self.lsi(projection: #"{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}"#))],"GlobalSecondaryIndexes":[\#(Self.gsi(projection: #"{"ProjectionType":"KEYS_ONLY"}"#))]"#))
        let d = try #require(out["TableDescription"])
        #expect(d["TableStatus"] == "CREATING")
        #expect(d["LocalSecondaryIndexes"]?.arrayValue?.first?["Projection"] == json(#"{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}"#))
        #expect(d["GlobalSecondaryIndexes"]?.arrayValue?.first?["IndexStatus"] == "CREATING")
        let t = try #require(h.ok("DescribeTable", #"{"TableName":"tbl"}"#)["Table"])
        #expect(t["TableStatus"] == "ACTIVE")
        #expect(t["GlobalSecondaryIndexes"]?.arrayValue?.first?["IndexArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/tbl/index/gsi")
        #expect(t["BillingModeSummary"]?["BillingMode"] == "PAY_PER_REQUEST")
        #expect(t["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/tbl")
    }
}
