import WardenSupport

/// A backup plan: its document (`BackupPlan`, rules completed with their ids and defaults),
/// its current version, and its deletion date once deleted (ListBackupPlans shows deleted
/// plans with `includeDeleted=true`).
struct BackupPlan: Codable, Sendable {
    var id: String
    var account: String
    var region: String
    var name: String
    /// The `BackupPlan` document as GetBackupPlan returns it, as JSON text.
    var document: String
    var versionId: String
    var creationDate: Double
    var creatorRequestId: String?
    var deletionDate: Double?
    var tags: [String: String]
    /// The last scheduled run of each rule, by RuleId (scheduled rules, `ScheduledBackups`).
    var lastRuns: [String: Double]? = nil

    var arn: String { "arn:aws:backup:\(region):\(account):backup-plan:\(id)" }
    var documentJSON: JSONValue { (try? JSONParser.parse(Array(document.utf8))) ?? .object([]) }

    /// A `BackupPlanInput` made into the stored document: each rule gets a RuleId and the
    /// defaults AWS fills in (schedule `cron(0 5 ? * * *)` in `Etc/UTC`, start window 480 and
    /// completion window 10080 minutes). Validates as CreateBackupPlan does.
    static func document(from input: JSONValue) throws(BackupError) -> (name: String, json: JSONValue) {
        guard case .object = input else { throw .invalidParameter("Invalid value for BackupPlan: expected an object") }
        guard let name = input["BackupPlanName"]?.stringValue, !name.isEmpty else { throw .missingParameter("BackupPlanName is required") }
        if name.count > 50 || !BackupParams.isRuleName(name) {
            throw .invalidParameter("Invalid backup plan name: \(BackupParams.clip(name)). It must match the pattern ^[a-zA-Z0-9\\-\\_\\.]{1,50}$")
        }
        guard let rules = input["Rules"]?.arrayValue, !rules.isEmpty else { throw .invalidParameter("Backup plan must contain at least one rule") }
        var seen: Set<String> = []
        var out: [JSONValue] = []
        for rule in rules {
            guard case .object(let members) = rule else { throw .invalidParameter("Invalid value for Rules: expected objects") }
            guard let ruleName = rule["RuleName"]?.stringValue, !ruleName.isEmpty else { throw .missingParameter("RuleName is required") }
            guard BackupParams.isRuleName(ruleName) else {
                throw .invalidParameter("Invalid backup rule name: \(BackupParams.clip(ruleName)). It must match the pattern ^[a-zA-Z0-9\\-\\_\\.]{1,50}$")
            }
            guard seen.insert(ruleName).inserted else { throw .invalidParameter("Rule names must be unique within a backup plan: \(ruleName)") }
            guard let vault = rule["TargetBackupVaultName"]?.stringValue, !vault.isEmpty else {
                throw .missingParameter("TargetBackupVaultName is required")
            }
            guard BackupParams.isVaultName(vault) else { throw .invalidParameter("Invalid backup vault name: \(BackupParams.clip(vault))") }
            if let schedule = rule["ScheduleExpression"]?.stringValue, !(schedule.hasPrefix("cron(") && schedule.hasSuffix(")")) {
                throw .invalidParameter("Invalid schedule expression: \(BackupParams.clip(schedule))")
            }
            var m = members.filter { $0.0 != "RuleId" }
            func fill(_ key: String, _ value: JSONValue) { if !m.contains(where: { $0.0 == key }) { m.append((key, value)) } }
            fill("ScheduleExpression", "cron(0 5 ? * * *)")
            fill("StartWindowMinutes", .int(480))
            fill("CompletionWindowMinutes", .int(10080))
            fill("ScheduleExpressionTimezone", "Etc/UTC")
            m.append(("RuleId", .string(BackupIds.uuid())))
            out.append(.object(m))
        }
        var doc: [(String, JSONValue)] = [("BackupPlanName", .string(name)), ("Rules", .array(out))]
        if let advanced = input["AdvancedBackupSettings"], !advanced.isNull { doc.append(("AdvancedBackupSettings", advanced)) }
        return (name, .object(doc))
    }

    /// ListBackupPlans's member.
    var listMember: JSONValue {
        var m: [(String, JSONValue)] = [("BackupPlanArn", .string(arn)), ("BackupPlanId", .string(id)), ("CreationDate", .timestamp(creationDate))]
        if let d = deletionDate { m.append(("DeletionDate", .timestamp(d))) }
        m.append(("VersionId", .string(versionId)))
        m.append(("BackupPlanName", .string(name)))
        if let c = creatorRequestId { m.append(("CreatorRequestId", .string(c))) }
        return .object(m)
    }
}
