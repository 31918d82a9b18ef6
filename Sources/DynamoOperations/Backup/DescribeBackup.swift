import DynamoModel
import DynamoStorage

/// DescribeBackup — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeBackup.html
struct DescribeBackup: DynamoOperation {
    static let name = "DescribeBackup"
    static let readOnly = true
    let backupArn: String

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        backupArn = try BackupSnapshot.readArn(p)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:DescribeBackup", resource: backupArn,
                                                 resourceAccount: BackupSnapshot.account(of: backupArn, env: env),
                                                 policyResource: BackupSnapshot.noResourcePolicy)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let record = try service.read { try BackupSnapshot.require(backupArn, reader: $0, now: env.now) }
            return encode(["BackupDescription": try BackupRendering.description(record, status: "AVAILABLE")])
        }
    }
}
