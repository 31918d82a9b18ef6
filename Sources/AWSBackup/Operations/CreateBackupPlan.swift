import WardenSupport

/// CreateBackupPlan — PUT /backup/plans/. The plan's ARN (its id made here) is the resource
/// authorized. Scheduled rules are stored, not run (see the README's known differences).
enum CreateBackupPlan: BackupOperation {
    static let duplicate = "Backup plan with the same plan document already exists"

    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        guard let input = try p.object("BackupPlan") else { throw .missingParameter("BackupPlan is required") }
        let (name, document) = try BackupPlan.document(from: input)
        let tags = try p.tags("BackupPlanTags")
        let creator = try p.string("CreatorRequestId")
        let id = BackupIds.uuid(), arn = env.planArn(id), store = env.store, caller = env.caller, now = env.now
        return BackupPrepared(checks: [env.check("CreateBackupPlan", arn)], params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.transact { (s: inout BackupStore.State) throws(BackupError) -> JSONValue in
                if let twin = s.plans.values.first(where: { $0.account == caller.account && $0.region == caller.region && $0.deletionDate == nil && $0.name == name }) {
                    throw .alreadyExists(duplicate, arn: twin.arn)
                }
                let plan = BackupPlan(id: id, account: caller.account, region: caller.region, name: name, document: String(decoding: JSONWriter.encode(document), as: UTF8.self),
                                      versionId: BackupIds.versionId(), creationDate: now, creatorRequestId: creator, deletionDate: nil, tags: tags)
                s.save(plan)
                var out: [(String, JSONValue)] = [("BackupPlanId", .string(id)), ("BackupPlanArn", .string(arn)), ("CreationDate", .timestamp(now)),
                                                  ("VersionId", .string(plan.versionId))]
                if let advanced = document["AdvancedBackupSettings"] { out.append(("AdvancedBackupSettings", advanced)) }
                return .object(out)
            }
        }
    }
}
