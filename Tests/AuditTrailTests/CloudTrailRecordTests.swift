import DynamoModel
import Testing
@testable import AuditTrail

@Suite struct CloudTrailRecordTests {
    @Test(arguments: [("TableName", "tableName"), ("Key", "key"), ("tableName", "tableName"), ("", ""), ("A", "a"),
                      ("SSESpecification", "sSESpecification"), ("Éclair", "éclair"), ("éclair", "éclair"), ("1Key", "1Key"), ("ZÜ", "zÜ")])
    func lowerFirstLowersOnlyTheFirstCharacter(_ name: String, _ expected: String) {
        #expect(CamelCase.lowerFirst(name) == expected)
    }

    @Test func dataEventHasCloudTrailsMembersInOrder() {
        let r = renderer.render(event("GetItem", request: ##"{"TableName":"orders","Key":{"orderId":{"S":"o1"}}}"##))
        guard case .object(let members) = r.json else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == [
            "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
            "requestParameters", "responseElements", "requestID", "eventID", "readOnly", "resources", "eventType", "apiVersion",
            "managementEvent", "recipientAccountId", "eventCategory",
        ])
        #expect(r.json["eventVersion"] == "1.09")
        #expect(r.json["eventTime"] == "2023-11-14T22:13:20Z")
        #expect(r.json["readOnly"] == true)
        #expect(r.json["managementEvent"] == false)
        #expect(r.json["eventCategory"] == "Data")
        #expect(r.json["eventType"] == "AwsApiCall")
        #expect(text(r.json["resources"]!) == ##"[{"accountId":"123456789012","type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:us-east-1:123456789012:table/orders"}]"##)
        #expect(text(r.json["userIdentity"]!) == ##"{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012","accessKeyId":"AKIDEXAMPLE"}"##)
        #expect(r.bytes == JSONWriter.encode(r.json))
    }

    @Test func denialsSayAccessDeniedAndLinkTheDecisionTrace() {
        var e = event("PutItem", request: ##"{"TableName":"orders","Item":{"orderId":{"S":"o1"}}}"##, denied: true)
        e.additionalEventData = [("wardenDecisionTrace", "/_warden/explain/REQ")]
        let r = renderer.render(e)
        #expect(r.json["errorCode"] == "AccessDenied")
        #expect(r.json["errorMessage"] == "failed")
        #expect(text(r.json["additionalEventData"]!) == ##"{"wardenDecisionTrace":"/_warden/explain/REQ"}"##)
    }

    @Test func failuresCarryTheirCode() {
        let r = renderer.render(event("UpdateItem", request: ##"{"TableName":"orders","Key":{"orderId":{"S":"o1"}}}"##, errorCode: "ConditionalCheckFailedException"))
        #expect(r.json["errorCode"] == "ConditionalCheckFailedException")
        #expect(r.json["additionalEventData"] == nil)
    }

    @Test func managementEventsAreCamelCasedWithTheirResponse() {
        var e = event("CreateTable", request: """
            {"TableName":"orders","KeySchema":[{"AttributeName":"orderId","KeyType":"HASH"}],"SSESpecification":{"Enabled":true},
             "Tags":[{"Key":"Team","Value":"a"}]}
            """)
        e.response = .dynamoBytes(Array(##"{"TableDescription":{"TableName":"orders","CreationDateTime":1430465095,"TableStatus":"CREATING"}}"##.utf8))
        let r = renderer.render(e)
        #expect(text(r.json["requestParameters"]!) == ##"{"tableName":"orders","keySchema":[{"attributeName":"orderId","keyType":"HASH"}],"sSESpecification":{"enabled":true},"tags":[{"key":"Team","value":"a"}]}"##)
        #expect(text(r.json["responseElements"]!) == ##"{"tableDescription":{"tableName":"orders","creationDateTime":"May 1, 2015 7:24:55 AM","tableStatus":"CREATING"}}"##)
        #expect(r.json["managementEvent"] == true)
        #expect(r.json["eventCategory"] == "Management")
    }

    /// The recent-events buffer keeps compacted events; they render exactly as the originals
    /// (large bodies compressed, small ones as text).
    @Test(arguments: [1, 25]) func compactedEventsRenderTheSame(items: Int) {
        let puts = (0..<items).map { ##"{"PutRequest":{"Item":{"orderId":{"S":"order-\##($0)"},"payload":{"S":"\##(String(repeating: "x", count: 100))"}}}}"## }
        let e = event("BatchWriteItem", request: ##"{"RequestItems":{"orders":[\##(puts.joined(separator: ","))]}}"##)
        let compact = renderer.compacted(e)
        #expect(renderer.render(compact).bytes == renderer.render(e).bytes)
        switch compact.request {
        case .shapedDeflated? where items == 25, .shapedText? where items == 1: break
        default: Issue.record("unexpected body kind \(String(describing: compact.request))")
        }
        #expect(!text(renderer.render(compact).json).contains("xxxx"))
    }

    @Test func managementCallsNeverLogItemMembers() {
        let r = renderer.render(event("DescribeTable", request: ##"{"TableName":"orders","Item":{"x":{"S":"\##(sentinel)"}}}"##))
        #expect(!text(r.json).contains(sentinel))
        #expect(r.json["responseElements"] == .null)
    }

    @Test func serviceEventsNameTheService() {
        let identity = UserIdentity.service("dynamodb.amazonaws.com")
        #expect(text(identity.json) == ##"{"type":"AWSService","invokedBy":"dynamodb.amazonaws.com"}"##)
        #expect(identity.lookupUsername == "dynamodb.amazonaws.com")
    }

    @Test func assumedRoleIdentityHasSessionContext() {
        let identity = UserIdentity(
            type: .assumedRole, principalId: "AROAEXAMPLE:bob", arn: "arn:aws:sts::111122223333:assumed-role/users/bob",
            accountId: "111122223333", accessKeyId: "ASIAEXAMPLE",
            sessionContext: .init(sessionIssuer: .init(principalId: "AROAEXAMPLE", arn: "arn:aws:iam::111122223333:role/users",
                                                       accountId: "111122223333", userName: "users"),
                                  creationDate: 1_432_836_361, mfaAuthenticated: false))
        #expect(text(identity.json) == ##"{"type":"AssumedRole","principalId":"AROAEXAMPLE:bob","arn":"arn:aws:sts::111122223333:assumed-role/users/bob","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/users","accountId":"111122223333","userName":"users"},"attributes":{"creationDate":"2015-05-28T18:06:01Z","mfaAuthenticated":"false"}}}"##)
        #expect(identity.lookupUsername == "bob")
    }

    @Test func tlsDetailsWhenPresent() {
        var e = event("GetItem", request: ##"{"TableName":"orders"}"##)
        e.tlsDetails = .init(tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: "localhost")
        #expect(text(renderer.render(e).json["tlsDetails"]!) == ##"{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"localhost"}"##)
    }
}

@Suite struct UTCTimeTests {
    @Test func formatsAndParses() {
        let t = UTCTime(epoch: 1_439_820_091)
        #expect(t.iso8601 == "2015-08-17T14:01:31Z")
        #expect(t.minuteStamp == "20150817T1401Z")
        #expect(t.secondStamp == "20150817T140131Z")
        #expect(t.datePath == "2015/08/17")
        #expect(UTCTime.parse("2015-08-17T14:01:31Z") == 1_439_820_091)
        #expect(UTCTime.parse("2024-02-29T23:59:59.5Z") == 1_709_251_199.5)
        #expect(UTCTime(epoch: 951_782_400).iso8601 == "2000-02-29T00:00:00Z")
        #expect(UTCTime.parse("not a time") == nil)
    }
}
