import Testing
@testable import AccessPolicy

@Suite("Numeric conditions")
struct NumericConditionTests {
    static let cases: [ConditionCase] = [
        .init(#"{"NumericEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "10"], true),
        .init(#"{"NumericEquals": {"s3:max-keys": 10}}"#, ["s3:max-keys": "10.0"], true),
        .init(#"{"NumericEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "11"], false),
        .init(#"{"NumericEquals": {"s3:max-keys": ["5", "10"]}}"#, ["s3:max-keys": "5"], true),
        .init(#"{"NumericEquals": {"s3:max-keys": "10"}}"#, [:], false),
        .init(#"{"NumericNotEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "11"], true),
        .init(#"{"NumericNotEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "10"], false),
        .init(#"{"NumericNotEquals": {"s3:max-keys": "10"}}"#, [:], true),
        .init(#"{"NumericLessThan": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "9.99"], true),
        .init(#"{"NumericLessThan": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "10"], false),
        .init(#"{"NumericLessThanEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "10"], true),
        .init(#"{"NumericLessThanEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "11"], false),
        .init(#"{"NumericGreaterThan": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "10.5"], true),
        .init(#"{"NumericGreaterThan": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "10"], false),
        .init(#"{"NumericGreaterThanEquals": {"s3:max-keys": "-1"}}"#, ["s3:max-keys": "-1"], true),
        .init(#"{"NumericGreaterThanEquals": {"s3:max-keys": "-1"}}"#, ["s3:max-keys": "-2"], false),
        .init(#"{"NumericLessThanIfExists": {"s3:max-keys": "10"}}"#, [:], true),
        .init(#"{"NumericLessThanIfExists": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "20"], false),
        // Type errors never match, negated operators included.
        .init(#"{"NumericEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "ten"], false),
        .init(#"{"NumericNotEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "ten"], false),
        .init(#"{"NumericEquals": {"s3:max-keys": "ten"}}"#, ["s3:max-keys": "10"], false),
        .init(#"{"NumericEquals": {"s3:max-keys": "0x10"}}"#, ["s3:max-keys": "16"], false),
        .init(#"{"NumericEquals": {"s3:max-keys": "1e2"}}"#, ["s3:max-keys": "100"], true),
        // No policy variables in numeric conditions: the text stays literal.
        .init(#"{"NumericEquals": {"s3:max-keys": "${test:n}"}}"#, ["s3:max-keys": "5", "test:n": "5"], false),
    ]

    @Test(arguments: cases)
    func numericOperator(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }

    @Test func typeErrorIsExplained() throws {
        let decision = try decide(#"{"NumericEquals": {"s3:max-keys": "10"}}"#, ["s3:max-keys": "ten"])
        #expect(decision.failedConditions.first?.note == "request value \"ten\" is not a number")
    }
}

@Suite("Date conditions")
struct DateConditionTests {
    static let cases: [ConditionCase] = [
        .init(#"{"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, ["aws:CurrentTime": "2024-05-01T12:00:00Z"], true),
        .init(#"{"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}"#, ["aws:CurrentTime": "2024-05-01T12:00:00Z"], false),
        .init(#"{"DateLessThanEquals": {"aws:CurrentTime": "2024-05-01T12:00:00Z"}}"#, ["aws:CurrentTime": "2024-05-01T12:00:00Z"], true),
        .init(#"{"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}}"#, ["aws:TokenIssueTime": "2020-06-30T00:00:00Z"], true),
        .init(#"{"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}}"#, [:], false),
        .init(#"{"DateGreaterThanEquals": {"aws:CurrentTime": "2024-01-01"}}"#, ["aws:CurrentTime": "2024-01-01T00:00:00Z"], true),
        .init(#"{"DateGreaterThanEquals": {"aws:CurrentTime": "2024-01-01"}}"#, ["aws:CurrentTime": "2023-12-31T23:59:59Z"], false),
        .init(#"{"DateEquals": {"aws:CurrentTime": "2024-01-01T01:00:00+01:00"}}"#, ["aws:CurrentTime": "2024-01-01T00:00:00Z"], true),
        .init(#"{"DateEquals": {"aws:CurrentTime": "2024-01"}}"#, ["aws:CurrentTime": "2024-01-01T00:00Z"], true),
        // A bare number is epoch seconds (IAM reads a value without "-" or "T" as a timestamp).
        .init(#"{"DateEquals": {"aws:CurrentTime": "2024"}}"#, ["aws:CurrentTime": "1970-01-01T00:33:44.000Z"], true),
        .init(#"{"DateEquals": {"aws:CurrentTime": "2024"}}"#, ["aws:CurrentTime": "2024-01-01T00:00:00Z"], false),
        .init(#"{"DateNotEquals": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}}"#, ["aws:CurrentTime": "2024-01-01T00:00:00.5Z"], true),
        .init(#"{"DateNotEquals": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}}"#, [:], true),
        // Epoch time on either side.
        .init(#"{"DateLessThan": {"aws:EpochTime": "1735689600"}}"#, ["aws:EpochTime": "1704067200"], true),
        .init(#"{"DateEquals": {"aws:CurrentTime": 1704067200}}"#, ["aws:CurrentTime": "2024-01-01T00:00:00Z"], true),
        .init(#"{"DateLessThanIfExists": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, [:], true),
        // A request value that is not a date never matches.
        .init(#"{"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, ["aws:CurrentTime": "soon"], false),
        .init(#"{"DateNotEquals": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, ["aws:CurrentTime": "2024-02-30"], false),
    ]

    @Test(arguments: cases)
    func dateOperator(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }

    @Test func readsW3CProfiles() {
        #expect(DateConditions.parse("1970-01-01T00:00:00Z") == 0)
        #expect(DateConditions.parse("2000-03-01T00:00:00Z") == 951_868_800)
        #expect(DateConditions.parse("2024-02-29") == 1_709_164_800)
        #expect(DateConditions.parse("2023-02-29") == nil)
        #expect(DateConditions.parse("2024-01-01T10:30-05:00") == 1_704_123_000)
        #expect(DateConditions.parse("2024-01-01T25:00:00Z") == nil)
        #expect(DateConditions.parse("12.5") == nil)
        #expect(DateConditions.parse("9223372036854775807") == 9_223_372_036_854_775_807)
        #expect(DateConditions.parse("9223372036854775808") == nil)
        #expect(DateConditions.parse("2016-12-13t2:00:00.593194z") != nil)
        #expect(DateConditions.parse("2016-12-13t2:00:00.593194+1") == nil)
        #expect(DateConditions.parse("2016-12-13t2:00:00.1999999999+10:59") == nil)
        #expect(DateConditions.parse("") == nil)
    }
}

@Suite("Bool, Binary and Null conditions")
struct BoolBinaryNullConditionTests {
    static let cases: [ConditionCase] = [
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, ["aws:SecureTransport": "true"], true),
        .init(#"{"Bool": {"aws:SecureTransport": true}}"#, ["aws:SecureTransport": "TRUE"], true),
        .init(#"{"Bool": {"aws:SecureTransport": "false"}}"#, ["aws:SecureTransport": "true"], false),
        .init(#"{"Bool": {"aws:SecureTransport": "false"}}"#, [:], false),
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, ["aws:SecureTransport": "yes"], false),
        .init(#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}"#, [:], true),
        .init(#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}"#, ["aws:MultiFactorAuthPresent": "false"], false),
        .init(#"{"BinaryEquals": {"test:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#, ["test:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="], true),
        .init(#"{"BinaryEquals": {"test:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#, ["test:blob": "QmluYXJ5"], false),
        .init(#"{"BinaryEquals": {"test:blob": "QmluYXJ5"}}"#, ["test:blob": "not base64!"], false),
        .init(#"{"BinaryEquals": {"test:blob": "QmluYXJ5"}}"#, [:], false),
        .init(#"{"BinaryEqualsIfExists": {"test:blob": "QmluYXJ5"}}"#, [:], true),
        // Null: true = the key must be absent; false = it must be present.
        .init(#"{"Null": {"aws:TokenIssueTime": "true"}}"#, [:], true),
        .init(#"{"Null": {"aws:TokenIssueTime": "true"}}"#, ["aws:TokenIssueTime": "2024-01-01T00:00:00Z"], false),
        .init(#"{"Null": {"aws:TokenIssueTime": "false"}}"#, ["aws:TokenIssueTime": "2024-01-01T00:00:00Z"], true),
        .init(#"{"Null": {"aws:TokenIssueTime": false}}"#, [:], false),
        .init(#"{"Null": {"aws:TokenIssueTime": "maybe"}}"#, [:], false),
        .init(#"{"Null": {"dynamodb:Attributes": "true"}}"#, ["dynamodb:Attributes": .multiple([])], true),
    ]

    @Test(arguments: cases)
    func otherOperator(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }

    @Test func base64Decoding() {
        #expect(BinaryConditions.decode("QmluYXJ5") == Array("Binary".utf8))
        #expect(BinaryConditions.decode("QQ==") == [65])
        #expect(BinaryConditions.decode("QQ=") == nil)
        #expect(BinaryConditions.decode("Q=Q=") == nil)
    }
}

@Suite("IP address conditions")
struct IPConditionTests {
    static let cases: [ConditionCase] = [
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, ["aws:SourceIp": "203.0.113.7"], true),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, ["aws:SourceIp": "203.0.114.1"], false),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.7"}}"#, ["aws:SourceIp": "203.0.113.7"], true),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.7"}}"#, ["aws:SourceIp": "203.0.113.8"], false),
        .init(#"{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}"#, ["aws:SourceIp": "8.8.8.8"], true),
        .init(#"{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:DB8:1234:5678::/64"]}}"#,
              ["aws:SourceIp": "2001:db8:1234:5678:abcd::1"], true),
        .init(#"{"IpAddress": {"aws:SourceIp": "2001:DB8:1234:5678::/64"}}"#, ["aws:SourceIp": "2001:db8:1234:5679::1"], false),
        .init(#"{"IpAddress": {"aws:SourceIp": "2001:db8::/127"}}"#, ["aws:SourceIp": "2001:db8::1"], true),
        .init(#"{"IpAddress": {"aws:SourceIp": "2001:db8::/127"}}"#, ["aws:SourceIp": "2001:db8::2"], false),
        .init(#"{"IpAddress": {"aws:SourceIp": "::ffff:192.0.2.0/120"}}"#, ["aws:SourceIp": "::ffff:192.0.2.9"], true),
        // IPv4 addresses are not in IPv6 ranges and the other way round.
        .init(#"{"IpAddress": {"aws:SourceIp": "::/0"}}"#, ["aws:SourceIp": "203.0.113.7"], false),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, [:], false),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, ["aws:SourceIp": "localhost"], false),
        .init(#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, ["aws:SourceIp": "198.51.100.1"], true),
        .init(#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, ["aws:SourceIp": "203.0.113.1"], false),
        .init(#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, [:], true),
        .init(#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, ["aws:SourceIp": "bogus"], false),
        .init(#"{"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}}"#, [:], true),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/33"}}"#, ["aws:SourceIp": "203.0.113.1"], false),
    ]

    @Test(arguments: cases)
    func ipOperator(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }

    @Test func parsesAddresses() {
        #expect(IPRange(parsing: "1.2.3.4")?.low == 0x0102_0304)
        #expect(IPRange(parsing: "1.2.3") == nil)
        #expect(IPRange(parsing: "1.2.3.256") == nil)
        #expect(IPRange(parsing: "::1")?.low == 1)
        #expect(IPRange(parsing: "1::2::3") == nil)
        #expect(IPRange(parsing: "2001:db8::")?.high == 0x2001_0db8_0000_0000)
        #expect(IPRange(parsing: "1:2:3:4:5:6:7:8:9") == nil)
    }
}
