import WardenSupport

/// CreateBackupSelection — PUT /backup/plans/{backupPlanId}/selections/. Needs
/// backup:CreateBackupSelection on the plan and iam:PassRole on the selection's role.
enum CreateBackupSelection: BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared {
        let planId = p.path["backupPlanId"] ?? ""
        guard let input = try p.object("BackupSelection") else { throw .missingParameter("BackupSelection is required") }
        let (name, role, document) = try BackupSelection.validate(input)
        let creator = try p.string("CreatorRequestId")
        let arn = env.planArn(planId), store = env.store, caller = env.caller, now = env.now
        let checks = [env.check("CreateBackupSelection", arn), env.passRole(role)]
        return BackupPrepared(checks: checks, params: p, resources: [(BackupResource.plan, arn)]) { () throws(BackupError) in
            try store.transact { (s: inout BackupStore.State) throws(BackupError) -> JSONValue in
                _ = try s.plan(planId, caller)
                if s.selections.values.contains(where: { $0.planId == planId && $0.name == name }) {
                    throw .alreadyExists("Backup selection with the same name already exists", arn: arn)
                }
                let selection = BackupSelection(id: BackupIds.uuid(), planId: planId, account: caller.account, region: caller.region, name: name,
                                                iamRoleArn: role, document: String(decoding: JSONWriter.encode(document), as: UTF8.self),
                                                creationDate: now, creatorRequestId: creator)
                s.save(selection)
                return ["SelectionId": .string(selection.id), "BackupPlanId": .string(planId), "CreationDate": .timestamp(now)]
            }
        }
    }
}
