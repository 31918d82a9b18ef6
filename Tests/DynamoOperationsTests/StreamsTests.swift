import DynamoModel
import DynamoStorage
import Testing
@testable import DynamoOperations

@Suite struct StreamNameTests {
    @Test func sequenceNumbersAreDecimalAndOrdered() {
        #expect(StreamNames.sequenceNumber(42) == "300000000000000000042")
        #expect(StreamNames.parseSequenceNumber("300000000000000000042") == 42)
        #expect(StreamNames.parseSequenceNumber("30000000000000000004x") == nil)
        #expect(StreamNames.parseSequenceNumber("42") == nil)
        #expect(StreamNames.sequenceNumber(9) < StreamNames.sequenceNumber(10))
    }

    @Test func streamArns() {
        #expect(StreamNames.isStreamArn("arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000"))
        #expect(!StreamNames.isStreamArn("arn:aws:dynamodb:us-east-1:123456789012:table/t"))
        #expect(!StreamNames.isStreamArn("arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i"))
    }

    @Test func labelsAreDistinctFromThePrevious() {
        let first = StreamLifecycle.label(now: 1_700_000_000.5, previous: nil)
        #expect(first == "2023-11-14T22:13:20.500")
        #expect(StreamLifecycle.label(now: 1_700_000_000.5, previous: first) == "2023-11-14T22:13:20.501")
    }

    @Test func iso8601() {
        #expect(ISO8601Parsing.epoch("2023-11-14T22:13:20Z") == 1_700_000_000)
        #expect(ISO8601Parsing.epoch("2023-11-14T22:13:20.5+01:00") == 1_700_000_000.5 - 3600)
        #expect(ISO8601Parsing.epoch("yesterday") == nil)
    }
}

@Suite struct ShardIteratorTests {
    let arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000"
    let key = Array(repeating: UInt8(7), count: 32)

    @Test func roundTripsInAWSsOuterShape() {
        let it = ShardIterator(streamArn: arn, shardId: "shardId-00000001700000000000-0a1b2c3d", position: 17, issuedAt: 1_700_000_000.25)
        #expect(it.encoded(key: key).hasPrefix(arn + "|1|"))
        #expect(ShardIterator(it.encoded(key: key), key: key) == it)
        #expect(!it.expired(now: 1_700_000_000.25 + 900))
        #expect(it.expired(now: 1_700_000_000.25 + 901))
    }

    @Test func rejectsTamperingForgeryAndGarbage() {
        let it = ShardIterator(streamArn: arn, shardId: "shardId-x", position: 17, issuedAt: 1)
        let other = arn.replacingOccurrences(of: "table/t/", with: "table/u/")
        #expect(ShardIterator(it.encoded(key: key).replacingOccurrences(of: arn, with: other), key: key) == nil)
        #expect(ShardIterator("sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg", key: key) == nil)
        // Another server's key, or a re-dated copy made without the key, does not open.
        #expect(ShardIterator(it.encoded(key: key), key: Array(repeating: 8, count: 32)) == nil)
        var future = it
        future.issuedAt = 4_102_444_800
        let forged = future.encoded(key: Array(repeating: 9, count: 32))
        #expect(ShardIterator(forged, key: key) == nil)
    }
}

@Suite struct StreamOperationTests {
    func streamArn(_ h: PITRHarness, view: String = "NEW_AND_OLD_IMAGES") throws -> String {
        try h.createTable("orders", extra: #","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"\#(view)"}"#)
        return try h.ok("DescribeTable", #"{"TableName":"orders"}"#)["Table"]?["LatestStreamArn"]?.stringValue ?? ""
    }

    func records(_ h: PITRHarness, _ arn: String) throws -> [JSONValue] {
        let shard = try h.ok("DescribeStream", #"{"StreamArn":"\#(arn)"}"#, streams: true)["StreamDescription"]?["Shards"]?.arrayValue?.first?["ShardId"]?.stringValue ?? ""
        let it = try h.ok("GetShardIterator", #"{"StreamArn":"\#(arn)","ShardId":"\#(shard)","ShardIteratorType":"TRIM_HORIZON"}"#, streams: true)["ShardIterator"]?.stringValue ?? ""
        return try h.ok("GetRecords", #"{"ShardIterator":"\#(it)"}"#, streams: true)["Records"]?.arrayValue ?? []
    }

    @Test func recordsFollowTheChanges() throws {
        let h = try PITRHarness()
        let arn = try streamArn(h)
        try h.put("orders", "a", "1", v: 1)
        try h.put("orders", "a", "1", v: 1)  // no change, no record
        try h.put("orders", "a", "1", v: 2)
        try h.delete("orders", "a", "1")
        let got = try records(h, arn)
        #expect(got.map { $0["eventName"]?.stringValue } == ["INSERT", "MODIFY", "REMOVE"])
        let insert = JSONWriter.string(got[0])
        #expect(insert.hasPrefix(#"{"eventID":""#))
        #expect(insert.contains(#""eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1700000000,"Keys":{"pk":{"S":"a"},"sk":{"S":"1"}},"NewImage":{"pk":{"S":"a"},"sk":{"S":"1"},"v":{"N":"1"}},"SequenceNumber":""#))
        #expect(got[2]["dynamodb"]?["NewImage"] == nil)
        #expect(got[2]["dynamodb"]?["OldImage"]?["v"]?["N"] == "2")
    }

    @Test func keysOnlyHasNoImages() throws {
        let h = try PITRHarness()
        let arn = try streamArn(h, view: "KEYS_ONLY")
        try h.put("orders", "a", "1", v: 1)
        let record = try records(h, arn)[0]
        #expect(record["dynamodb"]?["NewImage"] == nil && record["dynamodb"]?["OldImage"] == nil)
        #expect(record["dynamodb"]?["SizeBytes"] == .number("6"))
    }

    @Test func expiredAndTrimmed() throws {
        let h = try PITRHarness()
        let arn = try streamArn(h)
        try h.put("orders", "a", "1", v: 1)
        let shard = try h.ok("DescribeStream", #"{"StreamArn":"\#(arn)"}"#, streams: true)["StreamDescription"]?["Shards"]?.arrayValue?.first?["ShardId"]?.stringValue ?? ""
        let it = try h.ok("GetShardIterator", #"{"StreamArn":"\#(arn)","ShardId":"\#(shard)","ShardIteratorType":"TRIM_HORIZON"}"#, streams: true)["ShardIterator"]?.stringValue ?? ""
        h.clock.advance(by: 901)
        #expect(h.error("GetRecords", #"{"ShardIterator":"\#(it)"}"#, streams: true) == .expiredIterator())
        h.clock.advance(by: 86_400 - 901 - 300)
        let fresh = try h.ok("GetShardIterator", #"{"StreamArn":"\#(arn)","ShardId":"\#(shard)","ShardIteratorType":"TRIM_HORIZON"}"#, streams: true)["ShardIterator"]?.stringValue ?? ""
        h.clock.advance(by: 600)
        #expect(h.error("GetRecords", #"{"ShardIterator":"\#(fresh)"}"#, streams: true) == .trimmedDataAccess())
        #expect(try records(h, arn).isEmpty)
    }
}
