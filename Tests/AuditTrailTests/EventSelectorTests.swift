import DynamoModel
import TestSupport
import Testing
@testable import AuditTrail

@Suite struct EventSelectorTests {
    let put = event("PutItem", tables: ["orders"])
    let get = event("GetItem", tables: ["orders"])
    let otherTable = event("GetItem", tables: ["music"])
    let create = event("CreateTable", tables: ["orders"])
    let describe = event("DescribeTable", tables: ["orders"])

    func basic(_ text: String) throws -> EventSelection {
        try EventSelection.parse(eventSelectors: json(text), advancedEventSelectors: nil)
    }

    func advanced(_ text: String) throws -> EventSelection {
        try EventSelection.parse(eventSelectors: nil, advancedEventSelectors: json(text))
    }

    @Test func defaultSelectsManagementEventsOnly() {
        #expect(EventSelection.default.matches(create))
        #expect(EventSelection.default.matches(describe))
        #expect(!EventSelection.default.matches(put))
        #expect(!EventSelection.default.selectsDataEvents)
    }

    @Test func basicByTableArn() throws {
        let s = try basic(##"[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb:us-east-1:123456789012:table/orders"]}]}]"##)
        #expect(s.matches(put) && s.matches(get) && s.matches(create))
        #expect(!s.matches(otherTable))
    }

    @Test func basicWholeArnIsNotAPrefix() throws {
        let s = try basic(##"[{"DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb:us-east-1:123456789012:table/order"]}]}]"##)
        #expect(!s.matches(put))
    }

    @Test func basicByPrefixAndReadWriteType() throws {
        let s = try basic(##"[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb"]}]}]"##)
        #expect(s.matches(put))
        #expect(!s.matches(get))
        #expect(!s.matches(create))
        let reads = try basic(##"[{"ReadWriteType":"ReadOnly","DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb:us-east-1:123456789012:table/"]}]}]"##)
        #expect(reads.matches(get) && reads.matches(otherTable) && reads.matches(describe))
        #expect(!reads.matches(put) && !reads.matches(create))
    }

    @Test func basicExcludesManagementSources() throws {
        let s = try basic(##"[{"IncludeManagementEvents":true,"ExcludeManagementEventSources":["dynamodb.amazonaws.com"]}]"##)
        #expect(!s.matches(create))
        #expect(s.matches(event("CreateTrail", tables: [], source: "cloudtrail.amazonaws.com")))
    }

    @Test func advancedDataWrites() throws {
        let s = try advanced(##"[{"Name":"writes","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},{"Field":"readOnly","Equals":["false"]}]}]"##)
        #expect(s.matches(put))
        #expect(!s.matches(get))
        #expect(!s.matches(create))
        #expect(s.selectsDataEvents)
    }

    @Test func advancedOperators() throws {
        let s = try advanced("""
            [{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},
              {"Field":"resources.ARN","StartsWith":["arn:aws:dynamodb:us-east-1:123456789012:table/"],"NotEquals":["arn:aws:dynamodb:us-east-1:123456789012:table/music"]},
              {"Field":"eventName","NotStartsWith":["Batch"]}]}]
            """)
        #expect(s.matches(put) && s.matches(get))
        #expect(!s.matches(otherTable))
        #expect(!s.matches(event("BatchGetItem", tables: ["orders"])))
        let ends = try advanced(##"[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},{"Field":"resources.ARN","EndsWith":["/music"]}]}]"##)
        #expect(ends.matches(otherTable) && !ends.matches(get))
        let notStarts = try advanced(##"[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},{"Field":"resources.ARN","NotStartsWith":["arn:aws:dynamodb:us-east-1:123456789012:table/mu"]}]}]"##)
        #expect(notStarts.matches(get) && !notStarts.matches(otherTable))
    }

    @Test func advancedManagementReadOnly() throws {
        let s = try advanced(##"[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"readOnly","Equals":["true"]}]}]"##)
        #expect(s.matches(describe))
        #expect(!s.matches(create))
        #expect(!s.matches(get))
        #expect(!s.selectsDataEvents)
    }

    @Test func selectorsAreAlternatives() throws {
        let s = try advanced("""
            [{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},
             {"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},{"Field":"eventName","Equals":["PutItem"]}]}]
            """)
        #expect(s.matches(create) && s.matches(put))
        #expect(!s.matches(get))
    }

    @Test func invalidSelectorsAreRefused() {
        func code(_ body: () throws -> EventSelection) -> String? {
            do { _ = try body(); return nil } catch let e as CloudTrailError { return e.code } catch { return "other" }
        }
        #expect(code { try EventSelection.parse(eventSelectors: json("[]"), advancedEventSelectors: json("[]")) } == "InvalidParameterCombinationException")
        #expect(code { try basic(##"[{"ReadWriteType":"Sometimes"}]"##) } == "InvalidEventSelectorsException")
        #expect(code { try basic(##"[{"DataResources":[{"Type":"AWS::Nope::Thing","Values":[]}]}]"##) } == "InvalidEventSelectorsException")
        #expect(code { try basic(##"[{},{},{},{},{},{}]"##) } == "InvalidEventSelectorsException")
        #expect(code { try advanced(##"[{"FieldSelectors":[{"Field":"readOnly","Equals":["true"]}]}]"##) } == "InvalidEventSelectorsException")
        #expect(code { try advanced(##"[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]}]}]"##) } == "InvalidEventSelectorsException")
        #expect(code { try advanced(##"[{"FieldSelectors":[{"Field":"bogus","Equals":["x"]}]}]"##) } == "InvalidEventSelectorsException")
    }

    @Test func trailsRecordTheirAccountRegionAndLoggingWindow() {
        var trail = Trail(name: "t1", account: account, homeRegion: region, s3BucketName: "b")
        #expect(!trail.records(create))  // never started
        trail.isLogging = true
        trail.startLoggingTime = 1_600_000_000
        #expect(trail.records(create))
        #expect(!trail.records(event("CreateTable", accountId: "999999999999")))
        #expect(!trail.records(event("CreateTable", inRegion: "eu-west-1")))
        trail.isMultiRegionTrail = true
        #expect(trail.records(event("CreateTable", inRegion: "eu-west-1")))
        trail.isLogging = false
        trail.stopLoggingTime = 1_700_000_000
        #expect(trail.records(event("CreateTable", time: 1_699_999_999)))
        #expect(!trail.records(event("CreateTable", time: 1_700_000_001)))
    }
}
