/// Runs every check on a snapshot and orders the findings: most severe first, then by
/// resource and rule, so that reports are stable.
public enum PostureAudit {
    public static func run(_ snapshot: PostureSnapshot) -> [Finding] {
        var findings: [Finding] = []
        for table in snapshot.tables {
            findings += TableChecks.findings(for: table)
            findings += CoverageChecks.findings(for: table, snapshot)
            findings += ResourcePolicyChecks.findings(for: table)
            findings += TrailChecks.findings(for: table, trails: snapshot.trails)
        }
        for policy in snapshot.identityPolicies {
            findings += IdentityPolicyChecks.findings(for: policy)
        }
        return findings.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.resourceArn != b.resourceArn { return a.resourceArn < b.resourceArn }
            return a.ruleId < b.ruleId
        }
    }

    /// True when any finding is at or above `threshold` (the CLI's `--fail-on`).
    public static func fails(_ findings: [Finding], at threshold: Severity) -> Bool {
        findings.contains { $0.severity >= threshold }
    }
}
