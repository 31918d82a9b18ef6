import WardenSupport

/// ListProtectedResources — GET /resources/: every resource with a recovery point, with its
/// newest one.
enum ListProtectedResources: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let (limit, start) = try p.page()
        let store = env.store, caller = env.caller
        return .reading(checks: [env.check("ListProtectedResources", "*")], params: p) { () throws(BackupError) in
            try store.read { (s) throws(BackupError) -> JSONValue in
                var newest: [String: BackupJob] = [:]
                for j in s.jobs.values where j.account == caller.account && j.region == caller.region && j.state == "COMPLETED" {
                    if let seen = newest[j.resourceArn], seen.sequence > j.sequence { continue }
                    newest[j.resourceArn] = j
                }
                let all = newest.values.sorted { $0.resourceArn < $1.resourceArn }
                let (page, next) = paginate(all, limit: limit, start: start)
                var out: [(String, JSONValue)] = [("Results", .array(page.map { j in
                    [
                        "ResourceArn": .string(j.resourceArn), "ResourceType": "DynamoDB", "LastBackupTime": .timestamp(j.creationDate),
                        "ResourceName": .string(j.resourceName), "LastBackupVaultArn": .string(j.vaultArn),
                        "LastRecoveryPointArn": .string(j.recoveryPointArn ?? ""),
                    ]
                }))]
                if let next { out.append(("NextToken", .string(next))) }
                return .object(out)
            }
        }
    }
}
