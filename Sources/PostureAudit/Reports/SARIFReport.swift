import WardenSupport

/// Findings as a SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html):
/// one run whose tool lists every rule (id, short description, help), and one result per
/// finding with its level (§3.27.10: error, warning, note) and the resource ARN as a logical
/// location (§3.33), since the resources are not files. The fix command rides in the
/// message and in the result's properties (a SARIF `fix` must carry file changes).
public enum SARIFReport {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    public static func render(_ findings: [Finding], toolVersion: String) -> String {
        let rules: [JSONValue] = Rule.all.map { r in
            .object([("id", .string(r.id)), ("name", .string(String(r.id.filter { $0 != "." }))),
                     ("shortDescription", .object([("text", .string(r.title))])),
                     ("fullDescription", .object([("text", .string(r.why))])),
                     ("help", .object([("text", .string(r.why))])),
                     ("defaultConfiguration", .object([("level", .string(level(r.severity)))])),
                     ("properties", .object([("severity", .string(r.severity.name))]))])
        }
        let results: [JSONValue] = findings.map { f in
            let index = Rule.all.firstIndex { $0.id == f.ruleId } ?? 0
            return .object([
                ("ruleId", .string(f.ruleId)), ("ruleIndex", .int(index)), ("level", .string(level(f.severity))),
                ("message", .object([("text", .string("\(f.title). \(f.why) Fix: \(f.fix)"))])),
                ("locations", .array([.object([("logicalLocations", .array([.object([
                    ("fullyQualifiedName", .string(f.resourceArn)),
                ])]))])])),
                ("properties", .object([("severity", .string(f.severity.name)), ("fix", .string(f.fix))])),
            ])
        }
        let driver: JSONValue = .object([("name", "warden audit"), ("version", .string(toolVersion)),
                                         ("informationUri", "https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html"),
                                         ("rules", .array(rules))])
        let log: JSONValue = .object([("$schema", .string(schemaURI)), ("version", "2.1.0"),
                                      ("runs", .array([.object([("tool", .object([("driver", driver)])), ("results", .array(results))])]))])
        return JSONWriter.string(log) + "\n"
    }
}
