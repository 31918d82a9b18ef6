import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

struct QueryScanValidationTests {
    static let kc = #""KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}}"#

    func harness() throws -> Harness {
        let h = try Harness()
        h.createTable(extra: #""GlobalSecondaryIndexes":[{"IndexName":"keysOnly","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],"LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]"#,
                      attributes: #"{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"l","AttributeType":"S"}"#)
        return h
    }

    static let queryCases: [(String, String)] = [
        (#""TableName":"tab""#, "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."),
        (#""TableName":"tab",\#(kc),"Limit":0"#, constraint("0", "limit", "Member must have value greater than or equal to 1")),
        (#""TableName":"tab",\#(kc),"Select":"SOME""#,
         constraint("SOME", "select", "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")),
        (#""TableName":"tab",\#(kc),"IndexName":"ab""#, constraint("ab", "indexName", "Member must have length greater than or equal to 3")),
        (#""TableName":"tab",\#(kc),"Select":"SPECIFIC_ATTRIBUTES""#,
         "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"),
        (#""TableName":"tab",\#(kc),"Select":"ALL_ATTRIBUTES","ProjectionExpression":"pk""#, "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"),
        (#""TableName":"tab",\#(kc),"Select":"COUNT","ProjectionExpression":"pk""#, "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count"),
        (#""TableName":"tab",\#(kc),"Select":"ALL_PROJECTED_ATTRIBUTES""#, "1 validation error detected: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
        (#""TableName":"tab",\#(kc),"IndexName":"missing""#, "The table does not have the specified index: missing"),
        (#""TableName":"tab","KeyConditionExpression":"g = :p","ExpressionAttributeValues":{":p":{"S":"a"}},"IndexName":"keysOnly","ConsistentRead":true"#,
         "Consistent reads are not supported on global secondary indexes"),
        (#""TableName":"tab","KeyConditionExpression":"g = :p","ExpressionAttributeValues":{":p":{"S":"a"}},"IndexName":"keysOnly","Select":"ALL_ATTRIBUTES""#,
         invalid + "Select type ALL_ATTRIBUTES is not supported for global secondary index keysOnly because its projection type is not ALL"),
        (#""TableName":"tab",\#(kc),"ExclusiveStartKey":{"pk":{"S":"a"}}"#,
         "The provided starting key is invalid: The provided key element does not match the schema"),
        (#""TableName":"tab",\#(kc),"ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"S":"1"}}"#,
         "The provided starting key is invalid: The provided key element does not match the schema"),
        (#""TableName":"tab",\#(kc),"IndexName":"byL","ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"1"}}"#,
         "The provided starting key is invalid: The provided key element does not match the schema"),
        (#""TableName":"tab","KeyConditionExpression":"pk = :p","FilterExpression":"sk > :p","ExpressionAttributeValues":{":p":{"S":"a"}}"#,
         "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"),
        (#""TableName":"tab","KeyConditionExpression":"pk = :n","ExpressionAttributeValues":{":n":{"N":"1"}}"#,
         invalid + "Condition parameter type does not match schema type"),
        (#""TableName":"missing",\#(kc)"#, "Requested resource not found"),
    ]

    @Test(arguments: queryCases)
    func query(_ members: String, _ message: String) throws {
        let h = try harness()
        #expect(h.message("Query", "{\(members)}") == message)
    }

    static let scanCases: [(String, String)] = [
        (#""TableName":"tab","Segment":0"#, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"),
        (#""TableName":"tab","TotalSegments":2"#, "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"),
        (#""TableName":"tab","Segment":2,"TotalSegments":2"#,
         "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2"),
        (#""TableName":"tab","Segment":-1,"TotalSegments":2"#, constraint("-1", "segment", "Member must have value greater than or equal to 0")),
        (#""TableName":"tab","Segment":1000000,"TotalSegments":1000000"#, constraint("1000000", "segment", "Member must have value less than or equal to 999999")),
        (#""TableName":"tab","Segment":0,"TotalSegments":0"#, constraint("0", "totalSegments", "Member must have value greater than or equal to 1")),
        (#""TableName":"tab","Segment":0,"TotalSegments":1000001"#, constraint("1000001", "totalSegments", "Member must have value less than or equal to 1000000")),
        (#""TableName":"tab","Limit":0"#, constraint("0", "limit", "Member must have value greater than or equal to 1")),
        (#""TableName":"tab","Select":"SPECIFIC_ATTRIBUTES""#, "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"),
        (#""TableName":"tab","Select":"ALL_PROJECTED_ATTRIBUTES""#, "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
        (#""TableName":"tab","Select":"ALL_PROJECTED_ATTRIBUTES","AttributesToGet":["a"]"#, "Cannot specify the AttributesToGet when choosing to get ALL_PROJECTED_ATTRIBUTES"),
        (#""TableName":"tab","IndexName":"keysOnly","ConsistentRead":true"#, "Consistent reads are not supported on global secondary indexes"),
        (#""TableName":"tab","IndexName":"keysOnly","ProjectionExpression":"g, zeta.x, pk, extra""#,
         "One or more parameter values were invalid: Global secondary index keysOnly does not project [zeta, extra]"),
        (#""TableName":"tab","Segment":1,"TotalSegments":2,"ExclusiveStartKey":{"pk":{"S":"p1"},"sk":{"N":"1"}}"#,
         "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 1"),
        (#""TableName":"tab","ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"S":"y"}}"#,
         "The provided starting key is invalid: The provided key element does not match the schema"),
        (#""TableName":"tab","FilterExpression":"a = :v","ExpressionAttributeValues":{":v":{"S":"x"},":w":{"S":"y"}}"#,
         "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"),
    ]

    @Test(arguments: scanCases)
    func scan(_ members: String, _ message: String) throws {
        let h = try harness()
        #expect(h.message("Scan", "{\(members)}") == message)
    }

    /// An LSI answers with the whole item (read from the table) — consistent reads allowed.
    @Test func lsiAllowsConsistentReadsAndAllAttributes() throws {
        let h = try harness()
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"l":{"S":"x"},"other":{"N":"9"}}"#)
        let out = h.ok("Query", #"{"TableName":"tab","IndexName":"byL","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}},"ConsistentRead":true,"Select":"ALL_ATTRIBUTES"}"#)
        #expect(out["Items"] == json(#"[{"l":{"S":"x"},"other":{"N":"9"},"pk":{"S":"a"},"sk":{"N":"1"}}]"#))
        let projected = h.ok("Query", #"{"TableName":"tab","IndexName":"byL","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}}}"#)
        #expect(projected["Items"] == json(#"[{"l":{"S":"x"},"pk":{"S":"a"},"sk":{"N":"1"}}]"#))
    }
}
