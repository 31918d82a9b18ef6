import WardenSupport

/// ListBackupVaults — GET /backup-vaults/ (by name; `maxResults`, `nextToken`).
enum ListBackupVaults: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let (limit, start) = try p.page()
        if let type = p.query["vaultType"], !["BACKUP_VAULT", "LOGICALLY_AIR_GAPPED_BACKUP_VAULT", "RESTORE_ACCESS_BACKUP_VAULT"].contains(type) {
            throw .invalidParameter("Invalid value for ByVaultType: \(BackupParams.clip(type))")
        }
        let onlyOthers = p.query["vaultType"].map { $0 != "BACKUP_VAULT" } ?? false
        let shared = p.query["shared"] == "true"
        let store = env.store, caller = env.caller
        return .reading(checks: [env.check("ListBackupVaults", "*")], params: p) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                let mine = onlyOthers || shared ? [] : s.vaults.values.filter { $0.account == caller.account && $0.region == caller.region }
                    .sorted { $0.name < $1.name }
                let (page, next) = paginate(mine, limit: limit, start: start)
                var out: [(String, JSONValue)] = [("BackupVaultList", .array(page.map { $0.json(recoveryPoints: s.recoveryPoints(in: $0.arn).count) }))]
                if let next { out.append(("NextToken", .string(next))) }
                return .object(out)
            }
        }
    }
}
