import AccessPolicy
import DynamoModel
import Synchronization

/// [global] The replication's own principal, the service-linked role
/// AWSServiceRoleForDynamoDBReplication. No caller's policy applies to the writes it makes,
/// but a replica's resource-based policy does: DynamoDB documents that a resource policy
/// denying the role what its policy grants stops replication to that replica, whose status
/// becomes REPLICATION_NOT_AUTHORIZED
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2gt_IAM.html). Warden
/// checks the replicated write's action (PutItem, or DeleteItem for a deletion) against the
/// replica's resource policy; the change waits in the outbox until the policy lets it through.
enum ReplicationRole {
    static let name = "AWSServiceRoleForDynamoDBReplication"

    static func roleArn(account: String) -> String {
        "arn:aws:iam::\(account):role/aws-service-role/replication.dynamodb.amazonaws.com/\(name)"
    }

    static func principal(account: String) -> PrincipalInfo {
        PrincipalInfo(arn: "arn:aws:sts::\(account):assumed-role/\(name)/\(name)", accountId: account, type: .assumedRole,
                      matchingArns: [roleArn(account: account)])
    }

    /// Whether the table's resource policy explicitly denies the role `action` on it.
    static func denied(_ table: TableDefinition, action: String) -> Bool {
        guard let record = table.resourcePolicy, let policy = try? Policy.parse(record.document, kind: .resource) else { return false }
        let keys: ContextKeys = [
            "aws:PrincipalArn": .single(roleArn(account: table.account)),
            "aws:RequestedRegion": .single(table.region),
            "aws:SecureTransport": "true",
            "aws:PrincipalIsAWSService": "false",
        ]
        let context = RequestContext(principal: principal(account: table.account), action: action, resource: table.arn,
                                     resourceAccountId: table.account, keys: keys)
        let input = EvaluationInput(resourcePolicy: AttachedPolicy(id: table.arn, name: "resource-policy", sourceType: .resource, policy: policy),
                                    context: context)
        return Evaluator.evaluate(input).outcome == .explicitDeny
    }
}

/// [global] The replicas replication cannot write to (their resource policy denies the role),
/// in memory: DescribeTable shows them REPLICATION_NOT_AUTHORIZED until a change goes through.
public final class BlockedReplicas: Sendable {
    private let keys = Mutex<Set<TableKey>>([])

    public init() {}

    func set(_ key: TableKey, blocked: Bool) {
        _ = keys.withLock { blocked ? $0.insert(key).inserted : $0.remove(key) != nil }
    }

    public func contains(_ key: TableKey) -> Bool { keys.withLock { $0.contains(key) } }
}
