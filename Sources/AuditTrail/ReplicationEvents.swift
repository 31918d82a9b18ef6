import DynamoModel

/// [global] CloudTrail records of the writes global-table replication makes in a replica's
/// region. DynamoDB replicates through its service-linked role
/// AWSServiceRoleForDynamoDBReplication (service principal replication.dynamodb.amazonaws.com,
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2gt_IAM.html), so each
/// replicated write is recorded as a data event of that role's session, invoked by the
/// replication service: `userIdentity.type` AssumedRole, the role as session issuer,
/// `invokedBy` replication.dynamodb.amazonaws.com, eventName PutItem or DeleteItem in the
/// replica's region, the item's key as `requestParameters.key`.
extension AuditTrail {
    public static let replicationService = "replication.dynamodb.amazonaws.com"
    public static let replicationRole = "AWSServiceRoleForDynamoDBReplication"

    public static func replicationIdentity(account: String) -> UserIdentity {
        let roleArn = "arn:aws:iam::\(account):role/aws-service-role/\(replicationService)/\(replicationRole)"
        let principal = "AROAWARDENREPLICATION"
        return UserIdentity(type: .assumedRole, principalId: "\(principal):\(replicationRole)",
                            arn: "arn:aws:sts::\(account):assumed-role/\(replicationRole)/\(replicationRole)", accountId: account,
                            sessionContext: .init(sessionIssuer: .init(principalId: principal, arn: roleArn, accountId: account,
                                                                       userName: replicationRole)),
                            invokedBy: replicationService)
    }

    public func replicationEvent(eventName: String, account: String, region: String, tableName: String, key: JSONValue) {
        let arn = "arn:aws:dynamodb:\(region):\(account):table/\(tableName)"
        submit(AuditEvent(
            eventTime: clock.now(), eventSource: DynamoEventCatalog.eventSource, eventName: eventName, awsRegion: region,
            sourceIPAddress: Self.replicationService, userAgent: Self.replicationService,
            userIdentity: Self.replicationIdentity(account: account),
            request: .shaped(["tableName": .string(tableName), "key": key]), response: nil,
            errorCode: nil, errorMessage: nil, denied: false, requestID: UUIDs.make(), eventID: UUIDs.make(), readOnly: false,
            resources: [.init(type: DynamoEventCatalog.tableResourceType, arn: arn, accountId: account)], category: .data,
            recipientAccountId: account, apiVersion: DynamoEventCatalog.apiVersion, eventType: "AwsApiCall"))
    }
}
