/// Findings for people: grouped by severity (most severe first), one block per finding.
public enum TextReport {
    public static func render(_ findings: [Finding]) -> String {
        if findings.isEmpty { return "No findings.\n" }
        var out = ""
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\(severity.name.uppercased()) (\(group.count))\n"
            for f in group {
                out += "  [\(f.ruleId)] \(f.title)\n"
                out += "    resource: \(f.resourceArn)\n"
                out += "    why: \(f.why)\n"
                out += "    fix: \(f.fix)\n"
            }
            out += "\n"
        }
        let counts = Severity.allCases.reversed().map { s in "\(findings.filter { $0.severity == s }.count) \(s.name)" }
        out += "\(findings.count) findings: \(counts.joined(separator: ", "))\n"
        return out
    }
}
