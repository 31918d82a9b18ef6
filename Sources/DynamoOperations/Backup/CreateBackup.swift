import DynamoModel
import DynamoStorage

/// CreateBackup — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html
/// An immutable snapshot of the table's definition and items, copied in the writer's
/// transaction: later writes and the table's deletion do not touch it.
struct CreateBackup: DynamoOperation {
    static let name = "CreateBackup"
    static let readOnly = false

    let tableName: String
    let backupName: String

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var c = Constraints()
        tableName = try TableNameParam.read(p, constraints: &c)
        let name = try p.string("BackupName")
        c.tableName(name, at: "backupName")
        try c.check()
        backupName = name ?? ""
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let key = service.tableKey(tableName, env: env)
        return AuthorizationRequest([AuthorizationCheck(action: "dynamodb:CreateBackup", resource: service.tableArn(tableName, env: env),
                                                        resourceAccount: key.account)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let key = service.tableKey(tableName, env: env)
        let backupName = self.backupName
        service.store.write(exclusive: true, { writer throws -> BackupRecord in
            guard let table = service.catalog.get(key) else { throw DynamoError.tableNotFoundException(key.name) }
            return try BackupSnapshot.take(table, name: backupName, type: "USER", writer: writer, now: env.now)
        }, completion: { result in
            switch result {
            case .success(let record):
                completion(.success(encode(["BackupDetails": BackupRendering.details(record, status: "CREATING")])))
            case .failure(let error):
                completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }
}
