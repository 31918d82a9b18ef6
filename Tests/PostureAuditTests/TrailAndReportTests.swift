import PostureAudit
import Testing
import WardenSupport

@Suite struct TrailChecksTests {
    func trail(_ selectors: String, logging: Bool = true) -> TrailState {
        TrailState(name: "main", isLogging: logging, selectors: Fixtures.json(selectors))
    }

    @Test func noTrailIsMediumWithACreateFix() {
        let f = Fixtures.findings(Fixtures.goodTable(), trails: [])
        #expect(f.map(\.ruleId) == ["Warden.Trail.1"])
        #expect(f[0].severity == .medium)
        #expect(f[0].fix.hasPrefix("aws cloudtrail create-trail --name dynamodb-data-events"))
    }

    @Test func selectorsThatCoverTheTable() {
        for selectors in [
            #"{"EventSelectors":[{"ReadWriteType":"All","DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb"]}]}]}"#,
            #"{"EventSelectors":[{"DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["\#(Fixtures.arn)"]}]}]}"#,
            #"{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},{"Field":"resources.ARN","StartsWith":["arn:aws:dynamodb:us-east-1:123456789012:table/ord"]}]}]}"#,
        ] {
            #expect(Fixtures.findings(Fixtures.goodTable(), trails: [trail(selectors)]) == [], "\(selectors)")
        }
    }

    @Test func selectorsThatDoNot() {
        for selectors in [
            #"{"EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[]}]}"#,
            #"{"EventSelectors":[{"DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb:us-east-1:123456789012:table/other"]}]}]}"#,
            #"{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]}"#,
            #"{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},{"Field":"resources.ARN","NotEquals":["\#(Fixtures.arn)"]}]}]}"#,
        ] {
            let f = Fixtures.findings(Fixtures.goodTable(), trails: [trail(selectors)])
            #expect(f.map(\.ruleId) == ["Warden.Trail.1"], "\(selectors)")
            #expect(f.first?.fix.hasPrefix("aws cloudtrail put-event-selectors --trail-name main") == true)
        }
        // A covering trail that is not logging does not count.
        #expect(Fixtures.findings(Fixtures.goodTable(), trails: [Fixtures.loggingTrail].map { TrailState(name: $0.name, isLogging: false, selectors: $0.selectors) })
                .map(\.ruleId) == ["Warden.Trail.1"])
    }
}

@Suite struct ReportTests {
    func sample() -> [Finding] {
        var t = Fixtures.goodTable()
        t.timeToLive = nil
        Fixtures.set(&t, "DeletionProtectionEnabled", false)
        t.resourcePolicy = #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"dynamodb:GetItem","Resource":"*"}]}"#
        return Fixtures.findings(t)
    }

    @Test func textGroupsBySeverity() {
        let text = TextReport.render(sample())
        #expect(text.hasPrefix("HIGH (1)\n  [Warden.Policy.1] Resource policy allows any principal without a condition\n    resource: \(Fixtures.arn)\n"))
        #expect(text.contains("\nMEDIUM (1)\n  [DynamoDB.6] DynamoDB tables should have deletion protection enabled\n"))
        #expect(text.contains("\nLOW (1)\n  [Warden.TTL.1] Table has no time to live\n"))
        #expect(text.hasSuffix("3 findings: 0 critical, 1 high, 1 medium, 1 low, 0 info\n"))
        #expect(TextReport.render([]) == "No findings.\n")
    }

    @Test func jsonCarriesEveryField() throws {
        let json = try JSONParser.parse(JSONReport.render(sample()))
        let first = json["findings"]?.arrayValue?.first
        #expect(first?["id"]?.stringValue == "Warden.Policy.1")
        #expect(first?["severity"]?.stringValue == "high")
        #expect(first?["resourceArn"]?.stringValue == Fixtures.arn)
        #expect(first?["fix"]?.stringValue == "aws dynamodb delete-resource-policy --resource-arn \(Fixtures.arn)")
        #expect(first?["why"]?.stringValue == Rule.wildcardResourcePolicy.why)
        #expect(json["findings"]?.arrayValue?.count == 3)
    }

    @Test func sarifLevelsRulesAndLocations() throws {
        let log = try JSONParser.parse(SARIFReport.render(sample(), toolVersion: "1.0.0"))
        #expect(log["version"]?.stringValue == "2.1.0")
        let run = log["runs"]?.arrayValue?.first
        let rules = run?["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        #expect(rules.compactMap { $0["id"]?.stringValue } == Rule.all.map(\.id))
        let results = run?["results"]?.arrayValue ?? []
        #expect(results.compactMap { $0["level"]?.stringValue } == ["error", "warning", "note"])
        #expect(results.compactMap { $0["ruleId"]?.stringValue } == ["Warden.Policy.1", "DynamoDB.6", "Warden.TTL.1"])
        for result in results {
            let index = Int(TableChecksNumber.text(result["ruleIndex"])) ?? -1
            #expect(rules[index]["id"] == result["ruleId"])
            #expect(result["locations"]?.arrayValue?.first?["logicalLocations"]?.arrayValue?.first?["fullyQualifiedName"]?.stringValue == Fixtures.arn)
        }
        #expect(SARIFReport.level(.critical) == "error")
        #expect(SARIFReport.level(.info) == "note")
    }

    @Test func failOnThreshold() {
        let f = sample()
        #expect(PostureAudit.fails(f, at: .high))
        #expect(!PostureAudit.fails(f, at: .critical))
        #expect(!PostureAudit.fails([], at: .info))
        #expect(Severity(name: "HIGH") == .high)
        #expect(Severity(name: "severe") == nil)
    }
}

enum TableChecksNumber {
    static func text(_ value: JSONValue?) -> String {
        if case .number(let n)? = value { return n }
        return ""
    }
}
