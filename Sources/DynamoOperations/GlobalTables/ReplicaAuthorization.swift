import DynamoModel

/// [global] The permissions UpdateTable `ReplicaUpdates` needs beyond dynamodb:UpdateTable on
/// the table, each on the replica's own ARN in its region, as "DynamoDB global tables
/// security" lists them
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2gt_IAM.html):
/// adding a replica needs CreateTable, CreateTableReplica and the item actions the
/// replication uses (Scan, Query, UpdateItem, PutItem, GetItem, DeleteItem, BatchWriteItem) in
/// the destination region; removing one needs DeleteTable and DeleteTableReplica there; an
/// Update changes the replica's table (UpdateTable there). A principal allowed one region
/// only cannot make a replica elsewhere to read the data through it. A replica's own KMS key
/// needs what a table created with it needs (kms:DescribeKey, kms:CreateGrant).
enum ReplicaAuthorization {
    static let createActions = [
        "dynamodb:CreateTable", "dynamodb:CreateTableReplica", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem",
        "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
    ]
    static let deleteActions = ["dynamodb:DeleteTable", "dynamodb:DeleteTableReplica"]

    static func checks(_ updates: [ReplicaUpdate]?, tableName: String, service: DynamoService, env: RequestEnvironment) -> [AuthorizationCheck] {
        guard let updates else { return [] }
        let key = service.tableKey(tableName, env: env)
        var checks: [AuthorizationCheck] = []
        for update in updates {
            let arn = "arn:aws:dynamodb:\(update.region):\(key.account):table/\(key.name)"
            let actions: [String]
            switch update {
            case .create: actions = createActions
            case .delete: actions = deleteActions
            case .update: actions = ["dynamodb:UpdateTable"]
            }
            for action in actions {
                checks.append(AuthorizationCheck(action: action, resource: arn, resourceAccount: key.account))
            }
            // A replica's own KMS key: the caller's kms:DescribeKey and kms:CreateGrant on it, as
            // for a table created with that key in that region.
            if case .create(let region, let keyId?, _) = update {
                var regional = env
                regional.region = region
                let settings = SSESettings(sseType: "KMS", kmsMasterKeyArn: SchemaParsing.kmsKeyArn(keyId, account: key.account, region: region))
                checks += TableEncryption.checks(.some(settings), keyId: keyId, service: service, env: regional)
            }
        }
        return checks
    }
}
