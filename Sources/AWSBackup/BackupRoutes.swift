/// AWS Backup's REST routes (botocore's `backup` model: method and request URI per
/// operation), the operations Warden serves.
public struct BackupRoute: Sendable, Equatable {
    public var operation: String
    public var pathParameters: [String: String]
}

public enum BackupRoutes {
    /// The first path segments AWS Backup's routes start with.
    static let prefixes: Set<String> = ["backup-vaults", "backup", "backup-jobs", "resources"]

    /// Whether a path belongs to AWS Backup's REST API.
    public static func claims(_ path: String) -> Bool {
        guard let first = path.split(separator: "/").first else { return false }
        return prefixes.contains(String(first))
    }

    /// The operation `method` and `path` name; nil when none does (a 404).
    public static func route(method: String, path: String) -> BackupRoute? {
        let s = path.split(separator: "/").map { percentDecode(String($0)) }
        func r(_ op: String, _ params: [String: String] = [:]) -> BackupRoute { BackupRoute(operation: op, pathParameters: params) }
        switch (method, s.count, s.first ?? "") {
        case ("PUT", 2, "backup-vaults"): return r("CreateBackupVault", ["backupVaultName": s[1]])
        case ("GET", 2, "backup-vaults"): return r("DescribeBackupVault", ["backupVaultName": s[1]])
        case ("DELETE", 2, "backup-vaults"): return r("DeleteBackupVault", ["backupVaultName": s[1]])
        case ("GET", 1, "backup-vaults"): return r("ListBackupVaults")
        case ("GET", 3, "backup-vaults") where s[2] == "recovery-points": return r("ListRecoveryPointsByBackupVault", ["backupVaultName": s[1]])
        case ("PUT", 2, "backup") where s[1] == "plans": return r("CreateBackupPlan")
        case ("GET", 2, "backup") where s[1] == "plans": return r("ListBackupPlans")
        case ("GET", 3, "backup") where s[1] == "plans": return r("GetBackupPlan", ["backupPlanId": s[2]])
        case ("POST", 3, "backup") where s[1] == "plans": return r("UpdateBackupPlan", ["backupPlanId": s[2]])
        case ("DELETE", 3, "backup") where s[1] == "plans": return r("DeleteBackupPlan", ["backupPlanId": s[2]])
        case ("PUT", 4, "backup") where s[1] == "plans" && s[3] == "selections": return r("CreateBackupSelection", ["backupPlanId": s[2]])
        case ("GET", 4, "backup") where s[1] == "plans" && s[3] == "selections": return r("ListBackupSelections", ["backupPlanId": s[2]])
        case ("GET", 5, "backup") where s[1] == "plans" && s[3] == "selections":
            return r("GetBackupSelection", ["backupPlanId": s[2], "selectionId": s[4]])
        case ("DELETE", 5, "backup") where s[1] == "plans" && s[3] == "selections":
            return r("DeleteBackupSelection", ["backupPlanId": s[2], "selectionId": s[4]])
        case ("PUT", 1, "backup-jobs"): return r("StartBackupJob")
        case ("GET", 1, "backup-jobs"): return r("ListBackupJobs")
        case ("GET", 2, "backup-jobs"): return r("DescribeBackupJob", ["backupJobId": s[1]])
        case ("GET", 1, "resources"): return r("ListProtectedResources")
        default: return nil
        }
    }

    /// `%XX` escapes decoded (as UTF-8); anything malformed is kept as it came.
    static func percentDecode(_ text: String) -> String {
        guard text.contains("%") || text.contains("+") else { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
