import DynamoModel
import DynamoStorage

/// DeleteBackup — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteBackup.html
/// Answers with the backup's description, status DELETED, as AWS does.
struct DeleteBackup: DynamoOperation {
    static let name = "DeleteBackup"
    static let readOnly = false
    let backupArn: String

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        backupArn = try BackupSnapshot.readArn(p)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:DeleteBackup", resource: backupArn,
                                                 resourceAccount: BackupSnapshot.account(of: backupArn, env: env),
                                                 policyResource: BackupSnapshot.noResourcePolicy)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let arn = backupArn
        service.store.write({ writer throws -> JSONValue in
            let record = try BackupSnapshot.require(arn, reader: writer.reader, now: env.now)
            let description = try BackupRendering.description(record, status: "DELETED")
            try writer.deleteBackup(id: record.id)
            return description
        }, completion: { result in
            switch result {
            case .success(let description): completion(.success(encode(["BackupDescription": description])))
            case .failure(let error): completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }
}
