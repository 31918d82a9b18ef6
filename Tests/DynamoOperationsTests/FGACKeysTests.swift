import DynamoModel
import Testing
@testable import DynamoOperations

/// The condition keys each operation derives from its request (FGACKeys / ItemAccess).
@Suite struct FGACKeysTests {
    let h: Harness

    init() throws {
        h = try Harness()
        h.ok("CreateTable", """
            {"TableName":"scores","BillingMode":"PAY_PER_REQUEST",
             "AttributeDefinitions":[{"AttributeName":"UserId","AttributeType":"S"},{"AttributeName":"GameTitle","AttributeType":"S"},
                                     {"AttributeName":"TopScore","AttributeType":"N"}],
             "KeySchema":[{"AttributeName":"UserId","KeyType":"HASH"},{"AttributeName":"GameTitle","KeyType":"RANGE"}],
             "GlobalSecondaryIndexes":[{"IndexName":"ByTitle","KeySchema":[{"AttributeName":"GameTitle","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}],
             "LocalSecondaryIndexes":[{"IndexName":"ByScore","KeySchema":[{"AttributeName":"UserId","KeyType":"HASH"},{"AttributeName":"TopScore","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}
            """)
    }

    func keys(_ operation: String, _ json: String) throws -> [String: [String]] {
        let op = try h.make(operation, json).get()
        let checks = op.authorization(service: h.service, env: h.env).checks
        try #require(checks.count == 1)
        return checks[0].keys
    }

    @Test func gsiQueryCarriesTheIndexPartitionValueAndLsiTheTables() throws {
        let gsi = try keys("Query", #"{"TableName":"scores","IndexName":"ByTitle","KeyConditionExpression":"GameTitle = :g","ExpressionAttributeValues":{":g":{"S":"Meteor"}}}"#)
        #expect(gsi["dynamodb:LeadingKeys"] == ["Meteor"])
        #expect(gsi["dynamodb:Select"] == ["ALL_PROJECTED_ATTRIBUTES"])
        let lsi = try keys("Query", #"{"TableName":"scores","IndexName":"ByScore","KeyConditionExpression":"UserId = :u AND TopScore > :s","ExpressionAttributeValues":{":u":{"S":"alice"},":s":{"N":"5"}}}"#)
        #expect(lsi["dynamodb:LeadingKeys"] == ["alice"])
        #expect(lsi["dynamodb:Attributes"] == ["TopScore", "UserId"])
        let scan = try keys("Scan", #"{"TableName":"scores","IndexName":"ByTitle"}"#)
        #expect(scan["dynamodb:LeadingKeys"] == nil && scan["dynamodb:Attributes"] == nil)
    }

    @Test func aCountWithAFilterNamesTheFilteredAttributes() throws {
        let count = try keys("Scan", ##"{"TableName":"scores","Select":"COUNT","FilterExpression":"begins_with(#s, :p)","ExpressionAttributeNames":{"#s":"Secret"},"ExpressionAttributeValues":{":p":{"S":"x"}}}"##)
        #expect(count["dynamodb:Attributes"] == ["Secret"])
        #expect(count["dynamodb:Select"] == ["COUNT"])
        let legacy = try keys("Query", #"{"TableName":"scores","KeyConditions":{"UserId":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"bob"}]}},"QueryFilter":{"Secret":{"ComparisonOperator":"NOT_NULL"}},"AttributesToGet":["Wins"]}"#)
        #expect(legacy["dynamodb:LeadingKeys"] == ["bob"])
        #expect(legacy["dynamodb:Attributes"] == ["Secret", "UserId", "Wins"])
    }

    @Test func writesNameEverythingTheyTouchAndAllOldOnFailureCountsAsReturnValues() throws {
        let update = try keys("UpdateItem", #"{"TableName":"scores","Key":{"UserId":{"S":"a"},"GameTitle":{"S":"g"}},"AttributeUpdates":{"Wins":{"Action":"ADD","Value":{"N":"1"}}},"Expected":{"Secret":{"Exists":false}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}"#)
        #expect(update["dynamodb:Attributes"] == ["GameTitle", "Secret", "UserId", "Wins"])
        #expect(update["dynamodb:ReturnValues"] == ["ALL_OLD"])
        let plain = try keys("UpdateItem", #"{"TableName":"scores","Key":{"UserId":{"S":"a"},"GameTitle":{"S":"g"}},"UpdateExpression":"SET Wins = :w","ExpressionAttributeValues":{":w":{"N":"1"}},"ReturnValues":"UPDATED_NEW"}"#)
        #expect(plain["dynamodb:ReturnValues"] == ["UPDATED_NEW"])
        #expect(plain["dynamodb:LeadingKeys"] == ["a"])
    }

    @Test func namesDifferingOnlyByNormalizationAreKeptApart() throws {
        let nfc = "Sal\u{E1}rio", nfd = "Sala\u{301}rio"
        #expect(nfc == nfd)  // Swift's String equality: canonical equivalence
        #expect(AttributeName(nfc) != AttributeName(nfd))
        let put = try keys("PutItem", #"{"TableName":"scores","Item":{"UserId":{"S":"a"},"GameTitle":{"S":"g"},"\#(nfc)":{"N":"1"},"\#(nfd)":{"N":"2"}}}"#)
        #expect(put["dynamodb:Attributes"]?.count == 4)
        #expect(put["dynamodb:Attributes"]?.contains { $0.utf8.elementsEqual(nfd.utf8) } == true)
    }
}
