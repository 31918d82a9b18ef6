import DynamoModel
import TestSupport
import Testing
@testable import AuditTrail

/// Every data-operation shape: keys are written with their values, nothing else is.
@Suite struct DataEventParametersTests {
    func parameters(_ operation: String, _ request: String) -> String {
        let rendered = renderer.render(event(operation, request: request))
        let out = text(rendered.json)
        #expect(!out.contains(sentinel), "\(operation) leaked a non-key value: \(out)")
        #expect(rendered.json["responseElements"] == .null)
        return text(rendered.json["requestParameters"]!)
    }

    @Test func putItemLogsKeyAndAttributeNames() {
        let p = parameters("PutItem", """
            {"TableName":"orders","Item":{"orderId":{"S":"o-1"},"secret":{"S":"\(sentinel)"},"n":{"N":"42"}},
             "ConditionExpression":"attribute_not_exists(#s)","ExpressionAttributeNames":{"#s":"secret"},
             "ExpressionAttributeValues":{":v":{"S":"\(sentinel)"}},"ReturnConsumedCapacity":"TOTAL"}
            """)
        #expect(p == ##"{"tableName":"orders","key":{"orderId":"o-1"},"item":["orderId","secret","n"],"conditionExpression":"attribute_not_exists(#s)","expressionAttributeNames":{"#s":"secret"},"returnConsumedCapacity":"TOTAL"}"##)
    }

    @Test func updateItemKeepsExpressionsWithoutValues() {
        let p = parameters("UpdateItem", """
            {"TableName":"music","Key":{"Artist":{"S":"No One You Know"},"SongTitle":{"S":"Call Me Today"}},
             "UpdateExpression":"SET #Y = :y, #AT = :t","ConditionExpression":"attribute_not_exists(#Y)",
             "ExpressionAttributeNames":{"#Y":"Year","#AT":"AlbumTitle"},
             "ExpressionAttributeValues":{":y":{"N":"2015"},":t":{"S":"\(sentinel)"}},"ReturnValues":"ALL_NEW"}
            """)
        #expect(p == ##"{"tableName":"music","key":{"Artist":"No One You Know","SongTitle":"Call Me Today"},"updateExpression":"SET #Y = :y, #AT = :t","conditionExpression":"attribute_not_exists(#Y)","expressionAttributeNames":{"#Y":"Year","#AT":"AlbumTitle"},"returnValues":"ALL_NEW"}"##)
    }

    @Test func legacyParametersKeepOnlyAttributeNames() {
        let p = parameters("UpdateItem", """
            {"TableName":"orders","Key":{"orderId":{"S":"o-1"}},
             "AttributeUpdates":{"secret":{"Action":"PUT","Value":{"S":"\(sentinel)"}}},
             "Expected":{"other":{"Value":{"S":"\(sentinel)"}}}}
            """)
        #expect(p == ##"{"tableName":"orders","key":{"orderId":"o-1"},"attributeUpdates":["secret"],"expected":["other"]}"##)
    }

    @Test func deleteAndGetItem() {
        #expect(parameters("DeleteItem", ##"{"TableName":"orders","Key":{"orderId":{"S":"o-1"}},"ReturnValues":"ALL_OLD"}"##)
            == ##"{"tableName":"orders","key":{"orderId":"o-1"},"returnValues":"ALL_OLD"}"##)
        #expect(parameters("GetItem", ##"{"TableName":"orders","Key":{"orderId":{"S":"o-1"}},"ProjectionExpression":"secret","ConsistentRead":true}"##)
            == ##"{"tableName":"orders","key":{"orderId":"o-1"},"projectionExpression":"secret","consistentRead":true}"##)
    }

    @Test func keysOfUnknownTablesAndNonKeyAttributesAreDropped() {
        // A Key naming a non-key attribute (an invalid request) must not log its value.
        #expect(parameters("GetItem", ##"{"TableName":"orders","Key":{"orderId":{"S":"o-1"},"secret":{"S":"\##(sentinel)"}}}"##)
            == ##"{"tableName":"orders","key":{"orderId":"o-1"}}"##)
        #expect(parameters("GetItem", ##"{"TableName":"nope","Key":{"id":{"S":"\##(sentinel)"}}}"##) == ##"{"tableName":"nope"}"##)
    }

    @Test func queryAndScan() {
        let q = parameters("Query", """
            {"TableName":"music","IndexName":"byYear","KeyConditionExpression":"Artist = :a","FilterExpression":"secret = :s",
             "ExpressionAttributeValues":{":a":{"S":"x"},":s":{"S":"\(sentinel)"}},"Limit":10,"ScanIndexForward":false,
             "ExclusiveStartKey":{"Artist":{"S":"a"},"SongTitle":{"S":"b"},"Year":{"S":"\(sentinel)"}}}
            """)
        #expect(q == ##"{"tableName":"music","indexName":"byYear","keyConditionExpression":"Artist = :a","filterExpression":"secret = :s","limit":10,"scanIndexForward":false,"exclusiveStartKey":{"Artist":"a","SongTitle":"b"}}"##)
        let s = parameters("Scan", ##"{"TableName":"orders","ScanFilter":{"secret":{"AttributeValueList":[{"S":"\##(sentinel)"}],"ComparisonOperator":"EQ"}},"Segment":0,"TotalSegments":2}"##)
        #expect(s == ##"{"tableName":"orders","scanFilter":["secret"],"segment":0,"totalSegments":2}"##)
    }

    @Test func batchOperations() {
        let get = parameters("BatchGetItem", """
            {"RequestItems":{"orders":{"Keys":[{"orderId":{"S":"a"}},{"orderId":{"S":"b"}}],"ProjectionExpression":"secret"}},
             "ReturnConsumedCapacity":"TOTAL"}
            """)
        #expect(get == ##"{"requestItems":[{"tableName":"orders","keys":[{"orderId":"a"},{"orderId":"b"}],"projectionExpression":"secret"}],"returnConsumedCapacity":"TOTAL"}"##)
        let write = parameters("BatchWriteItem", """
            {"RequestItems":{"music":[{"PutRequest":{"Item":{"Artist":{"S":"a"},"SongTitle":{"S":"b"},"Lyrics":{"S":"\(sentinel)"}}}},
                                      {"DeleteRequest":{"Key":{"Artist":{"S":"c"},"SongTitle":{"S":"d"}}}}]}}
            """)
        #expect(write == ##"{"requestItems":[{"operation":"Put","tableName":"music","key":{"Artist":"a","SongTitle":"b"},"items":["Artist","SongTitle","Lyrics"]},{"operation":"Delete","tableName":"music","key":{"Artist":"c","SongTitle":"d"}}]}"##)
    }

    @Test func transactions() {
        let write = parameters("TransactWriteItems", """
            {"TransactItems":[
              {"Put":{"TableName":"orders","Item":{"orderId":{"S":"a"},"secret":{"S":"\(sentinel)"}},"ConditionExpression":"#s = :s",
                      "ExpressionAttributeNames":{"#s":"secret"},"ExpressionAttributeValues":{":s":{"S":"\(sentinel)"}}}},
              {"Update":{"TableName":"orders","Key":{"orderId":{"S":"b"}},"UpdateExpression":"SET secret = :s",
                         "ExpressionAttributeValues":{":s":{"S":"\(sentinel)"}}}},
              {"Delete":{"TableName":"orders","Key":{"orderId":{"S":"c"}}}},
              {"ConditionCheck":{"TableName":"orders","Key":{"orderId":{"S":"d"}},"ConditionExpression":"attribute_exists(orderId)"}}],
             "ReturnConsumedCapacity":"TOTAL","ClientRequestToken":"tok"}
            """)
        #expect(write == ##"{"requestItems":[{"operation":"Put","tableName":"orders","key":{"orderId":"a"},"items":["orderId","secret"],"conditionExpression":"#s = :s","expressionAttributeNames":{"#s":"secret"}},{"operation":"Update","tableName":"orders","key":{"orderId":"b"},"updateExpression":"SET secret = :s"},{"operation":"Delete","tableName":"orders","key":{"orderId":"c"}},{"operation":"ConditionCheck","tableName":"orders","key":{"orderId":"d"},"conditionExpression":"attribute_exists(orderId)"}],"returnConsumedCapacity":"TOTAL","clientRequestToken":"tok"}"##)
        let get = parameters("TransactGetItems", ##"{"TransactItems":[{"Get":{"TableName":"orders","Key":{"orderId":{"S":"a"}},"ProjectionExpression":"secret"}}]}"##)
        #expect(get == ##"{"requestItems":[{"operation":"Get","tableName":"orders","key":{"orderId":"a"},"projectionExpression":"secret"}]}"##)
    }

    @Test func partiQLLiteralsAreRedacted() {
        let p = parameters("ExecuteStatement", ##"{"Statement":"UPDATE orders SET secret = '\##(sentinel)' WHERE orderId = 'o1' AND n = 42","Parameters":[{"S":"\##(sentinel)"}]}"##)
        #expect(p == ##"{"statement":"UPDATE orders SET secret = ***(Redacted) WHERE orderId = 'o1' AND n = ***(Redacted)"}"##)
    }

    /// CloudTrail's own examples: key values in WHERE equalities stay, everything else —
    /// item values, SET values, non-key conditions — is redacted, tuple names stay.
    @Test func partiQLRedactionFollowsCloudTrailsExamples() {
        let select = parameters("ExecuteStatement", ##"{"Statement":"SELECT * FROM music WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today' AND nonKeyAttr = 'x'"}"##)
        #expect(select == ##"{"statement":"SELECT * FROM music WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today' AND nonKeyAttr = ***(Redacted)"}"##)
        let batch = parameters("BatchExecuteStatement", ##"{"Statements":[{"Statement":"UPDATE \"music\" SET Album = 'x' WHERE \"Artist\" = 'No One You Know' AND SongTitle = 'Call Me Today'"},{"Statement":"INSERT INTO music VALUE {'Artist' : 'a', 'SongTitle' : 'b', 'Album' : '\##(sentinel)'}"}]}"##)
        #expect(batch == ##"{"requestItems":[{"statement":"UPDATE \"music\" SET Album = ***(Redacted) WHERE \"Artist\" = 'No One You Know' AND SongTitle = 'Call Me Today'"},{"statement":"INSERT INTO music VALUE {'Artist' : ***(Redacted), 'SongTitle' : ***(Redacted), 'Album' : ***(Redacted)}"}]}"##)
    }

    /// What is not plainly a key value in a WHERE equality is redacted: a key compared
    /// otherwise, a nested path ending in a key's name, a value before the WHERE, an Ion
    /// literal, a quote that never closes, a table the schema lookup does not know.
    @Test func partiQLRedactionKeepsNothingElse() {
        let cases: [(String, String)] = [
            ("SELECT * FROM music WHERE Artist > 'S1' AND Artist IN ['S2'] AND m.Artist = 'S3'",
             "SELECT * FROM music WHERE Artist > ***(Redacted) AND Artist IN [***(Redacted)] AND m.Artist = ***(Redacted)"),
            ("SELECT * FROM \"music\" WHERE x = `{a: \"S1\"}` AND Artist = -5", "SELECT * FROM \"music\" WHERE x = ***(Redacted) AND Artist = -5"),
            ("SELECT * FROM \"mu'sic\" WHERE Artist = 'S1", "SELECT * FROM \"mu'sic\" WHERE Artist = ***(Redacted)"),
            ("SELECT * FROM unknown WHERE Artist = 'S1' AND n = 1e5", "SELECT * FROM unknown WHERE Artist = ***(Redacted) AND n = ***(Redacted)"),
            ("UPDATE music SET Artist = 'S1' WHERE Artist = 'a'", "UPDATE music SET Artist = ***(Redacted) WHERE Artist = 'a'"),
        ]
        for (statement, expected) in cases {
            let p = parameters("ExecuteStatement", text(.object([("Statement", .string(statement))])))
            #expect(p == text(.object([("statement", .string(expected))])), "\(statement)")
        }
    }

    @Test func numberAndBinaryKeysAreWrittenAsText() {
        let r = DataEventParameters(keySchema: { _, _, _ in ["id", "b"] })
        let out = r.parameters(operation: "GetItem", request: json(##"{"TableName":"t","Key":{"id":{"N":"12.50"},"b":{"B":"AAEC"}}}"##))
        #expect(text(out) == ##"{"tableName":"t","key":{"id":"12.50","b":"AAEC"}}"##)
    }
}
