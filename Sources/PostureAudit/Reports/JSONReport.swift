import WardenSupport

/// Findings as one JSON document: `{"findings": [{id, severity, resourceArn, title, why, fix}]}`.
public enum JSONReport {
    public static func render(_ findings: [Finding]) -> String {
        let list: [JSONValue] = findings.map { f in
            .object([("id", .string(f.ruleId)), ("severity", .string(f.severity.name)), ("resourceArn", .string(f.resourceArn)),
                     ("title", .string(f.title)), ("why", .string(f.why)), ("fix", .string(f.fix))])
        }
        return JSONWriter.string(.object([("findings", .array(list))])) + "\n"
    }
}
